package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.RequestJson;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.Moment;
import ca.archivium.dnscert.waitloop.Observation;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.Transition;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Delete. A physical id that is not a certificate ARN, or a certificate that is gone: SUCCESS. A physical id that is
 * not a certificate ARN first lets go of any certificate the resource holds for its properties: CloudFormation
 * sends such an id of its own making when it gave up on a Create that had not answered yet (the stack rolled back
 * because another resource failed, or no answer came), and that Create may have requested a certificate already;
 * the on-failure destination answers a Create Lambda gave up on with {@code not-created:}, whatever the handler had
 * done. Otherwise the resource lets go of the certificate, which is deleted only when this
 * product made it and nobody else uses it. A certificate still attached to a load balancer or distribution is
 * tried again in the wait loop until the deadline, then FAILED naming what still uses it; so is a call that failed
 * in a way that passes with time (throttling, ACM's ConflictException while an earlier operation on the
 * certificate is still being applied), then FAILED naming the call.
 */
public final class DeleteHandler {
    private final CertificateEngine engine;
    private final Clock clock;
    private final RandomGenerator random;
    private final JsonLog log;

    public DeleteHandler(CertificateEngine engine, Clock clock, RandomGenerator random, JsonLog log) {
        this.engine = engine;
        this.clock = clock;
        this.random = random;
        this.log = log;
    }

    /** @param sentEpochMs when CloudFormation sent the request: the deadline counts from then */
    public Answer handle(CfnRequest request, long sentEpochMs) {
        Optional<CertificateArn> certificate = CertificateArn.parse(request.physicalResourceId());
        if (certificate.isEmpty()) {
            releaseWhatAnAbandonedCreateHolds(request);
            return new Answer.Now(CfnResponse.success(request.replyAddress(), request.physicalResourceId(), Map.of(),
                Set.of()));
        }
        String arn = certificate.get().arn();
        Plan plan = new Plan(certificate.get().region(), cleanupZones(request));
        JsonLog requestLog = RequestLog.of(log, request).with(JsonLog.CERTIFICATE_ARN, arn);
        Observation seen;
        try {
            Release release = engine.release(certificate.get(), Owners.of(request), plan.zones());
            logRelease(requestLog, release);
            seen = new Observation.Released(release);
        } catch (AwsCallException e) {
            ReconcileStep.countThrottle(requestLog, e);
            seen = new Observation.CallFailed(e);
        }
        long now = clock.millis();
        StepState releasing = StepState.releasing(RequestJson.copyOf(request), Owners.of(request), arn, plan, now,
            Deadlines.deadline(sentEpochMs, request.serviceTimeout()));
        StepState next = Transition.next(releasing, null, seen, new Moment(now, random));
        return next.outcome() == StepOutcome.WAIT ? new Answer.Later(next)
            : new Answer.Now(StepAnswer.of(engine, request, next));
    }

    /**
     * Releases, as a Delete would, the certificates the resource holds for its properties (found by its used-by tag
     * among the certificates of those names and key algorithm in their region). Properties that do not parse were
     * refused at the Create, which then made nothing. A failure is logged and the Delete still succeeds: CloudFormation
     * never knew the certificate, so the Delete cannot name it; the certificate stays tagged as the resource's.
     */
    private void releaseWhatAnAbandonedCreateHolds(CfnRequest request) {
        CertificateProperties properties;
        try {
            properties = PropertyParser.parse(request.resourceProperties());
        } catch (InvalidPropertyException refusedAtCreate) {
            return;
        }
        JsonLog requestLog = RequestLog.of(log, request);
        try {
            engine.releaseOthersHeldBy(Owners.of(request), properties, null).forEach((arn, release) ->
                logRelease(requestLog.with(JsonLog.CERTIFICATE_ARN, arn), release));
        } catch (RuntimeException e) {
            requestLog.warn("could not look for a certificate of a Create CloudFormation gave up on",
                Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * What became of the certificate and its records. Kept records are a warning: the Delete succeeds, and the
     * records are left for someone to remove once every region can be asked.
     */
    static void logRelease(JsonLog log, Release release) {
        Map<String, String> fields = Map.of("release", release.kind().name(), "detail", release.detail());
        if (release.recordsKept()) {
            log.warn("validation records kept", fields);
        } else {
            log.info("release of the certificate", fields);
        }
    }

    /**
     * The zones to clean up: only with {@code CleanupValidationRecords: true}, and only when the properties still
     * parse and resolve (a Delete must not fail because a zone has gone; the records then stay).
     */
    private Map<String, ZoneTarget> cleanupZones(CfnRequest request) {
        try {
            CertificateProperties properties = PropertyParser.parse(request.resourceProperties());
            return properties.cleanupValidationRecords() ? engine.plan(properties).zones() : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
