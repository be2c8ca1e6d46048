package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Create: validate, resolve every hosted zone, then request or reuse the certificate and write its records.
 * Answers at once when nothing needs waiting for; otherwise hands over to the wait loop.
 * A failure before the certificate exists answers FAILED with a marker id (its rollback Delete does nothing);
 * after, with the certificate ARN, so the rollback Delete removes it.
 */
public final class CreateHandler {
    private final CertificateEngine engine;
    private final Provisioning provisioning;
    private final Clock clock;
    private final JsonLog log;

    public CreateHandler(CertificateEngine engine, Clock clock, RandomGenerator random, JsonLog log) {
        this.engine = engine;
        this.provisioning = new Provisioning(engine, clock, random, log);
        this.clock = clock;
        this.log = log;
    }

    /** @param sentEpochMs when CloudFormation sent the request: the deadline counts from then */
    public Answer handle(CfnRequest request, long sentEpochMs) {
        CertificateProperties properties;
        try {
            properties = RequestProperties.of(request, engine.homeRegion(), log);
        } catch (InvalidPropertyException e) {
            return new Answer.Now(FailedAnswer.of(request, Failure.invalidProperty(e.getMessage())));
        }
        return provisionNew(request, properties, sentEpochMs);
    }

    /** Requests or reuses a certificate for {@code properties}. Shared with an Update that needs a new certificate. */
    Answer provisionNew(CfnRequest request, CertificateProperties properties, long sentEpochMs) {
        StepState next = provisioning.start(request, Owners.of(request), properties,
            Deadlines.deadline(sentEpochMs, request.serviceTimeout()));
        return next.outcome() == StepOutcome.WAIT ? new Answer.Later(next)
            : new Answer.Now(StepAnswer.of(engine, request, next));
    }
}
