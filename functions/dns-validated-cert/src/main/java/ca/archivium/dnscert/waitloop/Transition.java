package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.DnsCheckMode;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.failure.Failure;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wait loop's decisions, one place: from a step document and what a look observed, the next step document
 * (WAIT n seconds in a phase, DONE with the attributes, or FAILED with the reason). Pure: no AWS, no clock, no log,
 * no parsing; the only effect is drawing the wait's jitter from the moment's generator. The resource handlers and
 * the Reconcile step ({@code lifecycle/ReconcileStep}) make the calls, parse the request's properties once, and hand
 * both to {@link #next}; so do the command line's {@code provision} and {@code invoke}, which play the same loop.
 */
public final class Transition {
    private Transition() {
    }

    /**
     * @param properties the request's properties: read for a provisioned certificate, written records and a look;
     *                   null where they may not parse and nothing needs them (a refusal, a failure, a release, a
     *                   failed call)
     */
    public static StepState next(StepState state, CertificateProperties properties, Observation seen, Moment now) {
        return seen.accept(new Observation.Visitor<>() {
            @Override
            public StepState provisioned(Observation.Provisioned seen) {
                return Transition.provisioned(state, properties, seen.certificate(), now);
            }

            @Override
            public StepState refused(Observation.Refused seen) {
                return state.failed(seen.failure());
            }

            @Override
            public StepState failedAfterRequest(Observation.FailedAfterRequest seen) {
                StepState known = state.withCertificate(seen.arn(), seen.reused(), seen.plan());
                // The certificate exists: a failure that passes with time leaves its records to a later step.
                return seen.cause() instanceof AwsCallException call && triedAgainLater(state, call, now)
                    ? startPhase(known, Phase.WRITE_RECORDS, now)
                    : known.failed(Failure.unforeseen(seen.cause()));
            }

            @Override
            public StepState records(Observation.Records seen) {
                return recordsWritten(state, properties, seen.written(), now);
            }

            @Override
            public StepState looked(Observation.Looked seen) {
                return Transition.looked(state, properties, seen, now);
            }

            @Override
            public StepState released(Observation.Released seen) {
                return Transition.released(state, seen, now);
            }

            @Override
            public StepState callFailed(Observation.CallFailed seen) {
                return triedAgainLater(state, seen.failure(), now) ? again(state, now)
                    : state.failed(Failure.awsCallFailed(seen.failure()));
            }
        });
    }

    /**
     * Whether a failed AWS call is tried again in a later step rather than failing the request: the one place that
     * decides. Throttling and Route 53's PriorRequestNotComplete that outlast the SDK's retries pass with time (many
     * stacks deploying at once share the account's ACM and Route 53 rates), as does ACM's ConflictException (an
     * earlier operation on the certificate still being applied), so they are waited out until the deadline.
     */
    public static boolean triedAgainLater(StepState state, AwsCallException failure, Moment now) {
        return failure.retryableLater() && !pastDeadline(state, now);
    }

    /**
     * True when the pending names are worth asking public DNS about: the certificate is pending, the deadline has
     * not passed, the pre-flight read the zones' name servers (so the checks cost no AWS calls) and the DNS checks
     * are on.
     */
    public static boolean wantsDiagnosis(StepState state, CertificateProperties properties, Optional<CertificateStatus> status,
                                  Moment now) {
        return status.isPresent() && status.get().issuance() instanceof Issuance.Pending
            && !pastDeadline(state, now) && state.zoneNameServers() != null
            && properties.dnsPreflight() != DnsCheckMode.OFF;
    }

    /** WAIT before the next look, backing off with the number of looks so far, never past the deadline. */
    static StepState again(StepState state, Moment now) {
        return state.waitFor(WaitSchedule.secondsBefore(state.looks(), remainingMs(state, now), now.jitter()));
    }

    private static StepState provisioned(StepState state, CertificateProperties properties, Provisioned cert,
                                         Moment now) {
        StepState known = state.withCertificate(cert.arn(), cert.reused(), cert.plan());
        if (cert.records() instanceof RecordWrite.CertificateFailed failed) {
            return known.failed(failed.failure());
        }
        boolean issued = cert.status() == AcmStatus.ISSUED;
        if (cert.recordsWritten() && (issued || !properties.waitForIssuance())) {
            return known.done(Attributes.of(cert.arn(), properties.domainName(), cert.plan(), cert.status(),
                cert.reused()));
        }
        return startPhase(known, cert.recordsWritten() ? Phase.AWAIT_ISSUANCE : Phase.WRITE_RECORDS, now);
    }

    private static StepState recordsWritten(StepState state, CertificateProperties properties, RecordWrite written,
                                            Moment now) {
        if (written instanceof RecordWrite.CertificateFailed failed) {
            return state.failed(failed.failure());
        }
        if (!written.written()) {
            return pastDeadline(state, now) ? state.failed(Failure.recordsNotGiven(state.certificateArn()))
                : again(state, now);
        }
        if (!properties.waitForIssuance()) {
            return state.done(Attributes.of(state.certificateArn(), properties.domainName(), state.plan(),
                AcmStatus.PENDING_VALIDATION, state.reused()));
        }
        return startPhase(state, Phase.AWAIT_ISSUANCE, now);
    }

    private static StepState looked(StepState state, CertificateProperties properties, Observation.Looked seen,
                                    Moment now) {
        if (seen.status().isEmpty()) {
            return state.failed(Failure.deletedWhileWaiting(state.certificateArn()));
        }
        CertificateStatus status = seen.status().get();
        Issuance issuance = status.issuance();
        if (issuance instanceof Issuance.Issued) {
            return state.done(Attributes.of(state.certificateArn(), properties.domainName(), state.plan(),
                AcmStatus.ISSUED, state.reused()));
        }
        if (issuance instanceof Issuance.Failed failed) {
            return state.failed(failed.failure());
        }
        if (pastDeadline(state, now)) {
            return state.failed(Failure.notValidatedInTime((now.epochMs() - state.startedEpochMs()) / 1000,
                status.describePending()));
        }
        return seen.diagnoses().map(d -> diagnosed(state, properties, d, now)).orElseGet(() -> again(state, now));
    }

    /**
     * Pending, and public DNS said why: a provable problem (the zone is not the delegated one, CAA forbids Amazon,
     * the record is missing from a correctly delegated zone) that has lasted ValidationProblemTimeout answers
     * FAILED with its cause and fix, with {@code DnsPreflight: FAIL}. An all-clear, or WARN, forgets when the
     * problem started.
     */
    private static StepState diagnosed(StepState state, CertificateProperties properties,
                                       List<ValidationDiagnosis> diagnoses, Moment now) {
        List<ValidationDiagnosis> problems = diagnoses.stream().filter(ValidationDiagnosis::provable).toList();
        if (problems.isEmpty() || properties.dnsPreflight() != DnsCheckMode.FAIL) {
            return again(state.withValidationProblemSince(null), now);
        }
        long since = problemSince(state, now);
        long limitMs = properties.validationProblemTimeoutSeconds() * 1000L;
        if (now.epochMs() - since >= limitMs) {
            return state.failed(Failure.validationBlocked(ValidationDiagnosis.explanations(problems),
                (now.epochMs() - since) / 1000));
        }
        StepState next = again(state.withValidationProblemSince(since), now);
        // Look again no later than when the problem has lasted long enough to fail on.
        int untilLimit = (int) Math.max(1, (since + limitMs - now.epochMs() + 999) / 1000);
        return next.waitSeconds() > untilLimit ? state.withValidationProblemSince(since).waitFor(untilLimit) : next;
    }

    /** Since when a provable validation problem has lasted: from the first look that proved it, else now. */
    public static long problemSince(StepState state, Moment now) {
        return state.validationProblemSinceEpochMs() == null ? now.epochMs() : state.validationProblemSinceEpochMs();
    }

    private static StepState released(StepState state, Observation.Released seen, Moment now) {
        if (seen.release().finished()) {
            return state.done(Map.of());
        }
        if (pastDeadline(state, now)) {
            return state.failed(Failure.stillInUse(state.certificateArn(), seen.release().inUseBy()));
        }
        return again(state, now);
    }

    /** A new phase starts its back-off from the first wait. */
    private static StepState startPhase(StepState state, Phase phase, Moment now) {
        return state.inPhase(phase).waitFor(WaitSchedule.secondsBefore(0, remainingMs(state, now), now.jitter()));
    }

    private static boolean pastDeadline(StepState state, Moment now) {
        return remainingMs(state, now) <= 0;
    }

    private static long remainingMs(StepState state, Moment now) {
        return state.deadlineEpochMs() - now.epochMs();
    }
}
