package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.DnsPreflightException;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.aws.AwsCallException;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.RequestJson;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.log.JsonLog;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Create: validate, resolve every hosted zone, then request or reuse the certificate and write its records.
 * Answers at once when nothing needs waiting for; otherwise hands over to the wait loop.
 * A failure before the certificate exists answers FAILED with a marker id (its rollback Delete does nothing);
 * after, with the certificate ARN, so the rollback Delete removes it.
 */
public final class CreateHandler {
    private final Provisioning provisioning;
    private final Clock clock;

    public CreateHandler(CertificateEngine engine, Clock clock, RandomGenerator random, JsonLog log) {
        this.provisioning = new Provisioning(engine, clock, random, log);
        this.clock = clock;
    }

    public Answer handle(CfnRequest request, long receivedEpochMs) {
        try {
            return provisionNew(request, PropertyParser.parse(request.resourceProperties()), receivedEpochMs);
        } catch (InvalidPropertyException | ZoneResolutionException | DnsPreflightException e) {
            return new Answer.Now(FailedAnswer.of(request, null, Reasons.beforeCreation(e)));
        } catch (CertificateFailureException e) {
            return new Answer.Now(FailedAnswer.of(request, e.arn(), Reasons.afterCreation(e)));
        }
    }

    /**
     * Requests or reuses a certificate for {@code properties}. Shared with an Update that needs a new
     * certificate.
     *
     * @throws CertificateFailureException when something failed after the certificate existed
     */
    Answer provisionNew(CfnRequest request, CertificateProperties properties, long receivedEpochMs) {
        long now = clock.millis();
        StepState start = StepState.provisioning(RequestJson.copyOf(request),
            new Plan(properties.regionOr(provisioning.homeRegion()), Map.of()), now,
            Deadlines.deadline(receivedEpochMs, request.serviceTimeout()));
        StepState next;
        try {
            next = provisioning.advance(request, properties, start);
        } catch (AwsCallException e) {
            if (!e.throttling()) {
                throw e;
            }
            // AWS is still throttling after the SDK's retries (many stacks deploying at once): nothing exists yet,
            // so the wait loop starts over a little later instead of failing the stack.
            next = provisioning.next(start, properties, new Observation.CallFailed(e));
        }
        return switch (next.outcome()) {
            case DONE -> new Answer.Now(CfnResponse.success(request.replyAddress(), next.certificateArn(), next.data(),
                Attributes.ESSENTIAL));
            case FAILED -> new Answer.Now(FailedAnswer.of(request, next.certificateArn(), next.reason()));
            case WAIT -> new Answer.Later(next);
        };
    }
}
