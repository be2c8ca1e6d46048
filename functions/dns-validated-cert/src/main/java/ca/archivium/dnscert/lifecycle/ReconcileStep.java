package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.DnsPreflightException;
import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.aws.AwsCallException;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.DnsCheckMode;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.ValidationDiagnosis;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.log.EmbeddedMetrics;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.log.MetricUnit;
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
    private final DnsValidatedCertificates engine;
    private final Provisioning provisioning;
    private final JsonLog log;
    private final Clock clock;
    private final RandomGenerator random;

    public ReconcileStep(DnsValidatedCertificates engine, JsonLog log, Clock clock, RandomGenerator random) {
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
                case WRITE_RECORDS -> writeRecords(state, request);
                case AWAIT_ISSUANCE -> awaitIssuance(state, request, stepLog);
                case RELEASE -> release(state, request, stepLog);
            };
        } catch (AwsCallException e) {
            if (e.throttling()) {
                new EmbeddedMetrics(stepLog).emit("Throttles", 1, MetricUnit.COUNT, Map.of("Operation", e.operation()));
            }
            if (e.throttling() && !pastDeadline(state)) {
                // Many stacks deploying at once share the account's ACM and Route 53 rates: look again later.
                next = again(state);
            } else {
                next = state.failed(e.getMessage());
            }
        } catch (RuntimeException e) {
            // A bug: the state machine's Catch answers FAILED; this line says for which request and certificate.
            stepLog.with(JsonLog.PHASE, state.phase().name()).error("the wait-loop step failed", e);
            throw e;
        }
        logTransition(state, next, stepLog);
        return next;
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
        stepLog.with(JsonLog.PHASE, after.phase().name()).info("phase transition", fields);
    }

    private StepState provision(StepState state, CfnRequest request) {
        try {
            return provisioning.advance(request, PropertyParser.parse(request.resourceProperties()), state);
        } catch (InvalidPropertyException | ZoneResolutionException | DnsPreflightException e) {
            return state.failed(Reasons.beforeCreation(e));
        } catch (CertificateFailureException e) {
            return state.withCertificate(e.arn(), e.reused(), state.plan()).failed(Reasons.afterCreation(e));
        }
    }

    private StepState writeRecords(StepState state, CfnRequest request) {
        if (!engine.writeValidationRecords(state.certificateArn(), state.plan())) {
            return pastDeadline(state)
                ? state.failed("ACM did not provide the validation records of " + state.certificateArn()
                    + " before the deadline; try the deployment again")
                : again(state);
        }
        CertificateProperties properties = PropertyParser.parse(request.resourceProperties());
        if (!properties.waitForIssuance()) {
            return state.done(Attributes.of(state.certificateArn(), properties.domainName(), state.plan(),
                AcmStatus.PENDING_VALIDATION, state.reused()));
        }
        return state.inPhase(Phase.AWAIT_ISSUANCE).waitFor(WaitSchedule.secondsBefore(0, remaining(state), random));
    }

    private StepState awaitIssuance(StepState state, CfnRequest request, JsonLog stepLog) {
        Optional<CertificateStatus> status = engine.status(state.certificateArn(), state.plan());
        if (status.isEmpty()) {
            return state.failed("The certificate " + state.certificateArn() + " was deleted while waiting for it to be issued");
        }
        Issuance issuance = status.get().issuance();
        EmbeddedMetrics metrics = new EmbeddedMetrics(stepLog);
        if (issuance instanceof Issuance.Pending pending) {
            metrics.emit("NamesPending", pending.pending().size(), MetricUnit.COUNT, Map.of());
        }
        if (issuance instanceof Issuance.Issued) {
            metrics.emit("TimeToIssue", (clock.millis() - state.startedEpochMs()) / 1000.0, MetricUnit.SECONDS, Map.of());
            CertificateProperties properties = PropertyParser.parse(request.resourceProperties());
            return state.done(Attributes.of(state.certificateArn(), properties.domainName(), state.plan(),
                AcmStatus.ISSUED, state.reused()));
        }
        if (issuance instanceof Issuance.Failed failed) {
            return state.failed(failed.reason());
        }
        if (pastDeadline(state)) {
            return state.failed(Reasons.stillPending(status.get(), (clock.millis() - state.startedEpochMs()) / 1000));
        }
        return diagnosePending(state, request, status.get(), stepLog);
    }

    /**
     * Pending: asks public DNS why, name by name, and logs it. A provable problem (the zone is not the delegated
     * one, CAA forbids Amazon, the record is missing from a correctly delegated zone) that lasts
     * ValidationProblemTimeout answers FAILED with its cause and fix (DnsPreflight: FAIL). The checks run only when the
     * pre-flight ran (it read the zones' name servers), so they cost no AWS calls.
     */
    private StepState diagnosePending(StepState state, CfnRequest request, CertificateStatus status, JsonLog stepLog) {
        if (state.zoneNameServers() == null) {
            return again(state);
        }
        CertificateProperties properties = PropertyParser.parse(request.resourceProperties());
        if (properties.dnsPreflight() == DnsCheckMode.OFF) {
            return again(state);
        }
        List<ValidationDiagnosis> diagnoses = engine.diagnose(status, state.zoneNameServers());
        List<ValidationDiagnosis> problems = diagnoses.stream().filter(ValidationDiagnosis::provable).toList();
        Map<String, Object> names = new LinkedHashMap<>();
        diagnoses.forEach(d -> names.put(d.name(), d.summary()));
        if (!diagnoses.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("names", names);
            if (problems.isEmpty()) {
                stepLog.info("validation diagnosis", fields);
            } else {
                fields.put("problemSinceEpochMs", state.validationProblemSinceEpochMs() == null ? clock.millis()
                    : state.validationProblemSinceEpochMs());
                stepLog.warn("validation diagnosis", fields);
            }
        }
        if (problems.isEmpty() || properties.dnsPreflight() != DnsCheckMode.FAIL) {
            return again(state.withValidationProblemSince(null));
        }
        long now = clock.millis();
        long since = state.validationProblemSinceEpochMs() == null ? now : state.validationProblemSinceEpochMs();
        long limitMs = properties.validationProblemTimeoutSeconds() * 1000L;
        if (now - since >= limitMs) {
            return state.failed(Reasons.undeliverable(problems, (now - since) / 1000));
        }
        StepState next = again(state.withValidationProblemSince(since));
        // Look again no later than when the problem has lasted long enough to fail on.
        int untilLimit = (int) Math.max(1, (since + limitMs - now + 999) / 1000);
        return next.waitSeconds() > untilLimit ? state.withValidationProblemSince(since).waitFor(untilLimit) : next;
    }

    private StepState release(StepState state, CfnRequest request, JsonLog stepLog) {
        boolean cleanup = !state.plan().zones().isEmpty();
        Release release = engine.release(state.certificateArn(), state.plan().region(),
            Owners.of(request), cleanup, state.plan());
        DeleteHandler.logRelease(stepLog, release);
        if (release.finished()) {
            return state.done(Map.of());
        }
        if (pastDeadline(state)) {
            return state.failed("The certificate " + state.certificateArn() + " is still in use by " + release.inUseBy()
                + "; detach it from these resources (or delete them first), then delete the stack again");
        }
        return again(state);
    }

    private StepState again(StepState state) {
        return state.waitFor(WaitSchedule.secondsBefore(state.looks(), remaining(state), random));
    }

    private boolean pastDeadline(StepState state) {
        return remaining(state) <= 0;
    }

    private long remaining(StepState state) {
        return state.deadlineEpochMs() - clock.millis();
    }
}
