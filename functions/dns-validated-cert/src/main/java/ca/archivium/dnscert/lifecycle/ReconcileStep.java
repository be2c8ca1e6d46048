package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.log.EmbeddedMetrics;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.log.MetricUnit;
import ca.archivium.dnscert.waitloop.Moment;
import ca.archivium.dnscert.waitloop.Observation;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.Transition;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One step of the wait loop: look at the world once, advance at most one phase, and say what comes next
 * (WAIT n seconds, DONE or FAILED). Running a step twice is harmless: every action is an UPSERT, a read, or a
 * delete that tolerates "already gone".
 */
public final class ReconcileStep {
    private final CertificateEngine engine;
    private final Provisioning provisioning;
    private final JsonLog log;
    private final Clock clock;
    private final RandomGenerator random;

    public ReconcileStep(CertificateEngine engine, JsonLog log, Clock clock, RandomGenerator random) {
        this.engine = engine;
        this.provisioning = new Provisioning(engine, clock, random, log);
        this.log = log;
        this.clock = clock;
        this.random = random;
    }

    public StepState step(StepState state) {
        CfnRequest request = CfnRequest.parse(state.request());
        JsonLog stepLog = RequestLog.of(log, request).with(JsonLog.CERTIFICATE_ARN, state.certificateArn());
        StepState next;
        try {
            next = switch (state.phase()) {
                case PROVISION -> provision(state, request);
                case WRITE_RECORDS -> Transition.next(state, PropertyParser.parse(request.resourceProperties()),
                    new Observation.Records(engine.writeValidationRecords(CertificateArn.of(state.certificateArn()),
                        state.plan().zones())), now());
                case AWAIT_ISSUANCE -> awaitIssuance(state, PropertyParser.parse(request.resourceProperties()), stepLog);
                case RELEASE -> release(state, request, stepLog);
            };
        } catch (AwsCallException e) {
            countThrottle(stepLog, e);
            next = Transition.next(state, null, new Observation.CallFailed(e), now());
        } catch (RuntimeException e) {
            // A bug: the state machine's Catch answers FAILED; this line says for which request and certificate.
            stepLog.with(JsonLog.PHASE, state.phase().name()).error("the wait-loop step failed", e);
            throw e;
        }
        logTransition(state, next, stepLog);
        return next;
    }

    /** A call that failed for a while (throttling, a zone change still applying) counts in the Throttles metric. */
    static void countThrottle(JsonLog log, AwsCallException e) {
        if (e.retryableLater()) {
            new EmbeddedMetrics(log).emit("Throttles", 1, MetricUnit.COUNT, Map.of("Operation", e.operation()));
        }
    }

    /** One line per phase transition (and per ending), not per look: the loop may look many times. */
    private void logTransition(StepState before, StepState after, JsonLog stepLog) {
        if (after.outcome() == StepOutcome.WAIT && after.phase() == before.phase()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("from", before.phase().name());
        fields.put("to", after.outcome() == StepOutcome.WAIT ? after.phase().name() : after.outcome().name());
        fields.put("looks", after.looks());
        fields.put("elapsedSeconds", (clock.millis() - before.startedEpochMs()) / 1000);
        if (after.reason() != null) {
            fields.put("reason", after.reason());
        }
        if (after.failure() != null) {
            fields.put("failure", after.failure().name());
        }
        stepLog.with(JsonLog.PHASE, after.phase().name()).info("phase transition", fields);
    }

    private StepState provision(StepState state, CfnRequest request) {
        CertificateProperties properties;
        try {
            properties = PropertyParser.parse(request.resourceProperties());
        } catch (InvalidPropertyException e) {
            return Transition.next(state, null, new Observation.Refused(Provisioning.refusal(e)), now());
        }
        return provisioning.advance(request, properties, state);
    }

    /** Looks at the certificate, asks public DNS about its pending names when that is worth it, logs what it saw. */
    private StepState awaitIssuance(StepState state, CertificateProperties properties, JsonLog stepLog) {
        Optional<CertificateStatus> status = engine.status(CertificateArn.of(state.certificateArn()),
            state.plan().zones());
        Moment now = now();
        Optional<List<ValidationDiagnosis>> diagnoses = Transition.wantsDiagnosis(state, properties, status, now)
            ? Optional.of(engine.diagnose(status.get(), state.zoneNameServers()))
            : Optional.empty();
        EmbeddedMetrics metrics = new EmbeddedMetrics(stepLog);
        Issuance issuance = status.map(CertificateStatus::issuance).orElse(null);
        if (issuance instanceof Issuance.Pending pending) {
            metrics.emit("NamesPending", pending.pending().size(), MetricUnit.COUNT, Map.of());
        }
        if (issuance instanceof Issuance.Issued) {
            metrics.emit("TimeToIssue", (now.epochMs() - state.startedEpochMs()) / 1000.0, MetricUnit.SECONDS, Map.of());
        }
        diagnoses.ifPresent(d -> logDiagnosis(state, d, now, stepLog));
        return Transition.next(state, properties, new Observation.Looked(status, diagnoses), now);
    }

    /** Public DNS's view of each pending name: a warning while it proves a problem, else information. */
    private static void logDiagnosis(StepState state, List<ValidationDiagnosis> diagnoses, Moment now, JsonLog stepLog) {
        if (diagnoses.isEmpty()) {
            return;
        }
        Map<String, Object> names = new LinkedHashMap<>();
        diagnoses.forEach(d -> names.put(d.name(), d.summary()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("names", names);
        if (diagnoses.stream().noneMatch(ValidationDiagnosis::provable)) {
            stepLog.info("validation diagnosis", fields);
        } else {
            fields.put("problemSinceEpochMs", Transition.problemSince(state, now));
            stepLog.warn("validation diagnosis", fields);
        }
    }

    private StepState release(StepState state, CfnRequest request, JsonLog stepLog) {
        Release release = engine.release(CertificateArn.of(state.certificateArn()), Owners.of(state, request),
            state.plan().zones());
        DeleteHandler.logRelease(stepLog, release);
        return Transition.next(state, null, new Observation.Released(release), now());
    }

    private Moment now() {
        return Moment.of(clock, random);
    }
}
