package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.DnsPreflightException;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Preflight;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.RequestJson;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.Moment;
import ca.archivium.dnscert.waitloop.Observation;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.Transition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Resolve the zones, request or reuse the certificate and write its records: the first phase of a Create (or of
 * an Update that needs a new certificate). The resource handler runs it; the wait loop runs it again when AWS
 * throttled the handler, which is harmless: the zones are only read, the idempotency token returns the same
 * certificate, and the records are UPSERTs.
 */
final class Provisioning {
    private final CertificateEngine engine;
    private final Clock clock;
    private final RandomGenerator random;
    private final JsonLog log;

    Provisioning(CertificateEngine engine, Clock clock, RandomGenerator random, JsonLog log) {
        this.engine = engine;
        this.clock = clock;
        this.random = random;
        this.log = log;
    }

    /**
     * The first step of a request that needs a certificate: its step document (owner, the region the certificate goes
     * to, the deadline) and that document {@linkplain #advance advanced}. The resource handler's Create and
     * {@code provision}'s start here alike.
     */
    StepState start(CfnRequest request, String owner, CertificateProperties properties, long deadlineEpochMs) {
        StepState first = StepState.provisioning(RequestJson.copyOf(request), owner,
            new Plan(properties.regionOr(engine.homeRegion()), Map.of()), clock.millis(), deadlineEpochMs);
        return advance(request, properties, first);
    }

    /**
     * Advances {@code state} (in phase PROVISION) as far as it can go now: DONE when nothing needs waiting for,
     * otherwise WAIT in the phase that comes next. FAILED when the request is refused before anything exists (no
     * usable zone, a DNS problem the checks proved) or when something failed once the certificate existed (it is
     * then named in the state). An AWS call that failed, before or after the certificate existed, is
     * {@link Transition}'s to decide: tried again in a later step of the loop, or FAILED.
     */
    StepState advance(CfnRequest request, CertificateProperties properties, StepState state) {
        try {
            return provision(request, properties, state);
        } catch (AwsCallException e) {
            ReconcileStep.countThrottle(RequestLog.of(log, request), e);
            return next(state, properties, new Observation.CallFailed(e));
        }
    }

    private StepState provision(CfnRequest request, CertificateProperties properties, StepState state) {
        Plan plan;
        Preflight preflight;
        try {
            plan = engine.plan(properties);
            preflight = engine.preflight(properties, plan);
        } catch (InvalidPropertyException | ZoneResolutionException | DnsPreflightException e) {
            return next(state, null, new Observation.Refused(refusal(e)));
        }
        logPreflight(request, preflight);
        Observation seen;
        try {
            seen = new Observation.Provisioned(engine.provision(properties, plan, Owners.of(state, request),
                request.requestId()));
        } catch (CertificateFailureException e) {
            seen = new Observation.FailedAfterRequest(e.arn(), e.reused(), plan, e.failure());
        }
        return next(state.withZoneNameServers(preflight.zoneNameServers()), properties, seen);
    }

    /** The failure of a request refused before anything was created: bad input, no usable zone, a proved DNS problem. */
    static Failure refusal(RuntimeException e) {
        if (e instanceof ZoneResolutionException) {
            return Failure.noHostedZone(e.getMessage());
        }
        if (e instanceof DnsPreflightException) {
            return Failure.dnsPreflight(e.getMessage());
        }
        return Failure.invalidProperty(e.getMessage());
    }

    private void logPreflight(CfnRequest request, Preflight preflight) {
        if (!preflight.ran()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("zoneNameServers", preflight.zoneNameServers());
        if (!preflight.notProvable().isEmpty()) {
            fields.put("notProvable", preflight.notProvable());
        }
        JsonLog requestLog = RequestLog.of(log, request);
        if (preflight.problems().isEmpty()) {
            requestLog.info("DNS pre-flight passed", fields);
        } else {
            fields.put("problems", preflight.problems());
            requestLog.warn("DNS pre-flight found problems (DnsPreflight: WARN, requesting anyway)", fields);
        }
    }

    /** What {@code seen} leads to from {@code state}, now. */
    StepState next(StepState state, CertificateProperties properties, Observation seen) {
        return Transition.next(state, properties, seen, Moment.of(clock, random));
    }
}
