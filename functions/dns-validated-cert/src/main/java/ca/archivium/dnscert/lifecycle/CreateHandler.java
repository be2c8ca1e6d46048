package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Create: validate, resolve every hosted zone, then request or reuse the certificate and write its records.
 * Answers at once when nothing needs waiting for; otherwise hands over to the wait loop.
 * A failure before the certificate exists answers FAILED with a marker id (its rollback Delete does nothing);
 * after, with the certificate ARN, so the rollback Delete removes it.
 */
public final class CreateHandler {
    private final DnsValidatedCertificates engine;
    private final Clock clock;
    private final RandomGenerator random;

    public CreateHandler(DnsValidatedCertificates engine, Clock clock, RandomGenerator random) {
        this.engine = engine;
        this.clock = clock;
        this.random = random;
    }

    public Answer handle(CfnRequest request, long receivedEpochMs) {
        try {
            return provisionNew(request, PropertyParser.parse(request.resourceProperties()), receivedEpochMs);
        } catch (InvalidPropertyException | ZoneResolutionException e) {
            return new Answer.Now(CfnResponse.failed(request.replyAddress(), PhysicalIds.notCreated(request),
                Reasons.beforeCreation(e)));
        } catch (CertificateFailureException e) {
            return new Answer.Now(CfnResponse.failed(request.replyAddress(), e.arn(), Reasons.afterCreation(e)));
        }
    }

    /**
     * Requests or reuses a certificate for {@code properties}. Shared with an Update that needs a new
     * certificate.
     *
     * @throws CertificateFailureException when something failed after the certificate existed
     */
    Answer provisionNew(CfnRequest request, CertificateProperties properties, long receivedEpochMs) {
        Plan plan = engine.plan(properties);
        Provisioned cert = engine.provision(properties, plan, Owners.of(request), request.requestId());
        boolean issued = "ISSUED".equals(cert.status());
        if (cert.recordsWritten() && (issued || !properties.waitForIssuance())) {
            return new Answer.Now(CfnResponse.success(request.replyAddress(), cert.arn(),
                Attributes.of(cert.arn(), properties.domainName(), plan, cert.status(), cert.reused()), Attributes.ESSENTIAL));
        }
        long now = clock.millis();
        long deadline = Deadlines.deadline(receivedEpochMs, request.serviceTimeout());
        StepState state = new StepState(StepOutcome.WAIT, 0,
            cert.recordsWritten() ? Phase.AWAIT_ISSUANCE : Phase.WRITE_RECORDS,
            request.toJson(), cert.arn(), cert.reused(), plan, now, deadline, 0, cert.arn(), null, null);
        return new Answer.Later(state.waitFor(WaitSchedule.secondsBefore(0, deadline - now, random)));
    }
}
