package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.acm.CertificateArns;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.RequestJson;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.log.JsonLog;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Delete. A physical id that is not a certificate ARN (a Create that failed before it had one) or a certificate
 * that is gone: SUCCESS. Otherwise the resource lets go of the certificate, which is deleted only when this
 * product made it and nobody else uses it. A certificate still attached to a load balancer or distribution is
 * tried again in the wait loop until the deadline, then FAILED naming what still uses it.
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
        String arn = request.physicalResourceId();
        if (!CertificateArns.isCertificateArn(arn)) {
            return new Answer.Now(CfnResponse.success(request.replyAddress(), arn, Map.of(), Set.of()));
        }
        Plan plan = cleanupPlan(request, arn);
        Release release = engine.release(arn, CertificateArns.regionOf(arn), Owners.of(request), !plan.zones().isEmpty(), plan);
        logRelease(RequestLog.of(log, request).with(JsonLog.CERTIFICATE_ARN, arn), release);
        long now = clock.millis();
        StepState releasing = StepState.releasing(RequestJson.copyOf(request), arn, plan, now,
            Deadlines.deadline(sentEpochMs, request.serviceTimeout()));
        StepState next = Transition.next(releasing, null, new Observation.Released(release), new Moment(now, random));
        return next.outcome() == StepOutcome.WAIT ? new Answer.Later(next)
            : new Answer.Now(StepAnswer.of(engine, request, next));
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
    private Plan cleanupPlan(CfnRequest request, String arn) {
        Plan none = new Plan(CertificateArns.regionOf(arn), Map.of());
        try {
            CertificateProperties properties = PropertyParser.parse(request.resourceProperties());
            if (!properties.cleanupValidationRecords()) {
                return none;
            }
            Plan plan = engine.plan(properties);
            return new Plan(none.region(), plan.zones());
        } catch (RuntimeException e) {
            return none;
        }
    }
}
