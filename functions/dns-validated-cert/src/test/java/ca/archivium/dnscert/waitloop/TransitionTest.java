package ca.archivium.dnscert.waitloop;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.acm.NameValidation;
import ca.archivium.dnscert.acm.ValidationStatus;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.Delegation;
import ca.archivium.dnscert.dns.DnsRole;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.failure.FailureKind;
import ca.archivium.dnscert.lifecycle.CustomResourceEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The wait loop's decisions, case by case, without AWS: a step document and an observation in, the next one out. */
class TransitionTest {
    private static final String ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/c1";
    private static final long START = 1_000_000_000L;
    private static final long DEADLINE = START + 3_000_000;
    /** The middle of the jitter's range: every wait is its schedule's base. */
    private static final RandomGenerator NO_JITTER = () -> Long.MIN_VALUE;
    private static final Plan PLAN = new Plan("eu-west-1",
        Map.of("www.example.com", new ZoneTarget("Z1", "example.com", DnsRole.OWN_CREDENTIALS)));

    /** The decision, with the properties parsed from the step's request, as the callers parse them. */
    private static StepState next(StepState state, Observation seen, Moment now) {
        return Transition.next(state, propertiesOf(state), seen, now);
    }

    private static boolean wantsDiagnosis(StepState state, Optional<CertificateStatus> status, Moment now) {
        return Transition.wantsDiagnosis(state, propertiesOf(state), status, now);
    }

    private static CertificateProperties propertiesOf(StepState state) {
        return PropertyParser.parse(CfnRequest.parse(state.request()).resourceProperties());
    }

    private static Moment at(long epochMs) {
        return new Moment(epochMs, NO_JITTER);
    }

    private static StepState provisioning(Map<String, String> properties) {
        return StepState.provisioning(create(properties), "stack/Certificate", new Plan("eu-west-1", Map.of()), START,
            DEADLINE);
    }

    /** What a Create's first step leads to when the certificate was requested (or reused) as given. */
    private static StepState provisioned(Map<String, String> properties, boolean reused, boolean recordsWritten,
                                         AcmStatus status) {
        return next(provisioning(properties),
            new Observation.Provisioned(new Provisioned(ARN, PLAN, reused,
                recordsWritten ? RecordWrite.WRITTEN : RecordWrite.NOT_YET, status)), at(START));
    }

    private static StepState inPhase(Phase phase, Map<String, String> properties) {
        return provisioning(properties).withCertificate(ARN, false, PLAN).inPhase(phase).waitFor(5);
    }

    private static ObjectNode create(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("DomainName", "www.example.com");
        return CustomResourceEvents.event("Create", all);
    }

    private static CertificateStatus status(Issuance issuance) {
        return new CertificateStatus(ARN, "eu-west-1", issuance instanceof Issuance.Issued ? AcmStatus.ISSUED
            : AcmStatus.PENDING_VALIDATION, issuance, List.of(new CertificateStatus.NameStatus("www.example.com",
                ValidationStatus.PENDING_VALIDATION, "_a.www.example.com.", "_b.acm-validations.aws.", "Z1",
                "example.com")), List.of());
    }

    private static Issuance.Pending pending() {
        return new Issuance.Pending(List.of(new NameValidation("www.example.com", ValidationStatus.PENDING_VALIDATION,
            "DNS", null)));
    }

    /** A look that found the certificate still pending, with no DNS diagnosis. */
    private static Observation.Looked stillPending() {
        return new Observation.Looked(Optional.of(status(pending())), Optional.empty());
    }

    /** A look that found the certificate still pending and its record missing from public DNS. */
    private static Observation.Looked pendingWithRecordMissing() {
        return new Observation.Looked(Optional.of(status(pending())), Optional.of(List.of(recordMissing())));
    }

    /** A pending name whose record public DNS does not return from a correctly delegated zone: provable. */
    private static ValidationDiagnosis recordMissing() {
        Delegation.Check delegated = new Delegation.Check("example.com", Delegation.Verdict.DELEGATED,
            List.of("ns-1.awsdns-1.com"), List.of("ns-1.awsdns-1.com"), null);
        return new ValidationDiagnosis("www.example.com", ValidationDiagnosis.Kind.NOT_VISIBLE, "_a.www.example.com.",
            "_b.acm-validations.aws.", "Z1", "example.com", delegated, null, List.of(), null);
    }

    private static AwsCallException throttled() {
        return new AwsCallException("DescribeCertificate", "ThrottlingException", "Rate exceeded", true, null);
    }

    @Nested
    class Provision {
        @Test
        void aCertificateWhoseRecordsAreWrittenWaitsForIssuanceFromTheFirstWait() {
            StepState next = provisioned(Map.of(), false, true, AcmStatus.PENDING_VALIDATION);

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.phase()).isEqualTo(Phase.AWAIT_ISSUANCE);
            assertThat(next.waitSeconds()).isEqualTo(WaitSchedule.FIRST_SECONDS);
            assertThat(next.certificateArn()).isEqualTo(ARN);
            assertThat(next.plan()).isEqualTo(PLAN);
        }

        @Test
        void recordsACMHasNotProducedYetAreWrittenInTheNextPhase() {
            StepState next = provisioned(Map.of(), false, false, AcmStatus.PENDING_VALIDATION);

            assertThat(next.phase()).isEqualTo(Phase.WRITE_RECORDS);
            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
        }

        @Test
        void aCertificateAcmFailedAtTheRequestFailsAtOnceWithItsArnAndAcmsReason() {
            StepState next = next(provisioning(Map.of()), new Observation.Provisioned(new Provisioned(ARN, PLAN, false,
                new RecordWrite.CertificateFailed(Failure.notIssued("INVALID_PUBLIC_DOMAIN", "…")),
                AcmStatus.FAILED)), at(START));

            assertThat(next.outcome()).as("no records will ever come: no wait until the deadline")
                .isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).contains("INVALID_PUBLIC_DOMAIN");
            assertThat(next.certificateArn()).as("rule 8: the answer carries the ARN, so the rollback deletes it")
                .isEqualTo(ARN);
        }

        @Test
        void aReusedIssuedCertificateIsDoneAtOnceWithItsAttributes() {
            StepState next = provisioned(Map.of(), true, true, AcmStatus.ISSUED);

            assertThat(next.outcome()).isEqualTo(StepOutcome.DONE);
            assertThat(next.data()).containsEntry("Arn", ARN).containsEntry("Status", "ISSUED")
                .containsEntry("Reused", "true").containsEntry("HostedZoneIds", "Z1")
                .containsEntry("DomainName", "www.example.com").containsEntry("Region", "eu-west-1");
        }

        @Test
        void withoutWaitForIssuanceWrittenRecordsAreEnough() {
            StepState next = provisioned(Map.of("WaitForIssuance", "false"), false, true, AcmStatus.PENDING_VALIDATION);

            assertThat(next.outcome()).isEqualTo(StepOutcome.DONE);
            assertThat(next.data()).containsEntry("Status", "PENDING_VALIDATION");
        }

        @Test
        void throttledOnceTheCertificateExistedKeepsItAndWritesTheRecordsLater() {
            StepState next = next(provisioning(Map.of()),
                new Observation.FailedAfterRequest(ARN, false, PLAN, throttled()), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.phase()).isEqualTo(Phase.WRITE_RECORDS);
            assertThat(next.certificateArn()).isEqualTo(ARN);
        }

        @Test
        void throttledOnceTheCertificateExistedFailsWithItOnceTheDeadlineHasPassed() {
            StepState next = next(provisioning(Map.of()),
                new Observation.FailedAfterRequest(ARN, false, PLAN, throttled()), at(DEADLINE));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.failure()).isEqualTo(FailureKind.AWS_CALL_FAILED);
            assertThat(next.certificateArn()).isEqualTo(ARN);
        }

        @Test
        void refusedBeforeAnythingExistedFailsWithoutACertificate() {
            Failure noZone = Failure.noHostedZone("www.example.com: no public hosted zone found");
            StepState next = next(provisioning(Map.of()), new Observation.Refused(noZone), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).isEqualTo(noZone.reason());
            assertThat(next.failure()).isEqualTo(FailureKind.NO_HOSTED_ZONE);
            assertThat(next.certificateArn()).isNull();
        }

        @Test
        void aFailureAfterTheRequestFailsWithTheCertificateSoTheAnswerCarriesIt() {
            StepState next = next(provisioning(Map.of()), new Observation.FailedAfterRequest(ARN, false, PLAN,
                new AwsCallException("ChangeResourceRecordSets", "AccessDenied", "not authorized", false, null)),
                at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).isEqualTo("ChangeResourceRecordSets failed: AccessDenied: not authorized");
            assertThat(next.certificateArn()).isEqualTo(ARN);
        }
    }

    @Nested
    class WriteRecords {
        @Test
        void recordsStillMissingLookAgainWithTheBackOff() {
            StepState state = inPhase(Phase.WRITE_RECORDS, Map.of());

            StepState next = next(state, new Observation.Records(RecordWrite.NOT_YET), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.phase()).isEqualTo(Phase.WRITE_RECORDS);
            assertThat(next.looks()).isEqualTo(state.looks() + 1);
            assertThat(next.waitSeconds()).isEqualTo(WaitSchedule.FIRST_SECONDS + WaitSchedule.STEP_SECONDS);
        }

        @Test
        void recordsStillMissingAtTheDeadlineFail() {
            StepState next = next(inPhase(Phase.WRITE_RECORDS, Map.of()), new Observation.Records(RecordWrite.NOT_YET),
                at(DEADLINE));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).contains("did not provide the validation records of " + ARN);
        }

        @Test
        void aCertificateAcmFailedEndsTheLoopAtOnceWithAcmsReasonNotAtTheDeadline() {
            StepState next = next(inPhase(Phase.WRITE_RECORDS, Map.of()),
                new Observation.Records(new RecordWrite.CertificateFailed(Failure.notIssued("DOMAIN_NOT_ALLOWED",
                    "a name was reported as unsafe"))), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).contains("DOMAIN_NOT_ALLOWED", "unsafe");
            assertThat(next.certificateArn()).as("rule 8: the failure names the certificate, so it is deleted")
                .isEqualTo(ARN);
        }

        @Test
        void writtenRecordsStartTheWaitForIssuance() {
            StepState next = next(inPhase(Phase.WRITE_RECORDS, Map.of()), new Observation.Records(RecordWrite.WRITTEN),
                at(START));

            assertThat(next.phase()).isEqualTo(Phase.AWAIT_ISSUANCE);
            assertThat(next.waitSeconds()).isEqualTo(WaitSchedule.FIRST_SECONDS);
        }

        @Test
        void writtenRecordsAreDoneWithoutWaitForIssuance() {
            StepState next = next(inPhase(Phase.WRITE_RECORDS, Map.of("WaitForIssuance", "false")),
                new Observation.Records(RecordWrite.WRITTEN), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.DONE);
            assertThat(next.data()).containsEntry("Status", "PENDING_VALIDATION").containsEntry("Arn", ARN);
        }
    }

    @Nested
    class AwaitIssuance {
        private final StepState waiting = inPhase(Phase.AWAIT_ISSUANCE, Map.of());

        @Test
        void issuedIsDone() {
            StepState next = next(waiting,
                new Observation.Looked(Optional.of(status(new Issuance.Issued())), Optional.empty()), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.DONE);
            assertThat(next.data()).containsEntry("Status", "ISSUED").containsEntry("Reused", "false");
        }

        @Test
        void aCertificateDeletedWhileWaitingFails() {
            StepState next = next(waiting, new Observation.Looked(Optional.empty(), Optional.empty()),
                at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).contains(ARN + " was deleted while waiting");
        }

        @Test
        void acmsFailureIsTheReason() {
            StepState next = next(waiting, new Observation.Looked(
                Optional.of(status(new Issuance.Failed(Failure.notIssued(null, null)))), Optional.empty()),
                at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).isEqualTo("ACM could not issue the certificate");
            assertThat(next.failure()).isEqualTo(FailureKind.CERTIFICATE_FAILED);
        }

        @Test
        void pendingLooksAgainLaterEachWaitLongerUpToTheCeiling() {
            StepState state = waiting;
            int last = 0;
            for (int look = 0; look < 12; look++) {
                state = next(state, stillPending(), at(START));
                assertThat(state.outcome()).isEqualTo(StepOutcome.WAIT);
                assertThat(state.waitSeconds()).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(WaitSchedule.CEILING_SECONDS);
                last = state.waitSeconds();
            }
            assertThat(last).isEqualTo(WaitSchedule.CEILING_SECONDS);
        }

        @Test
        void noWaitIsLongerThanTheSchedulesLongestEvenAtTheTopOfTheJitter() {
            RandomGenerator mostJitter = () -> -1L;
            StepState state = waiting;
            for (int look = 0; look < 12; look++) {
                state = next(state, stillPending(), new Moment(START, mostJitter));
                assertThat(state.waitSeconds()).isLessThanOrEqualTo(WaitSchedule.LONGEST_SECONDS);
            }
            assertThat(state.waitSeconds()).isEqualTo(WaitSchedule.LONGEST_SECONDS);
            assertThat(InProcessStateMachine.LONGEST_WAIT).isGreaterThanOrEqualTo(
                Duration.ofSeconds(WaitSchedule.LONGEST_SECONDS));
        }

        @Test
        void noWaitEndsPastTheDeadline() {
            StepState next = next(waiting, stillPending(), at(DEADLINE - 2_500));

            assertThat(next.waitSeconds()).isEqualTo(2);
        }

        @Test
        void stillPendingAtTheDeadlineFailsNamingWhatIsPendingAndWhatToCheck() {
            StepState next = next(waiting, stillPending(), at(DEADLINE));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).contains("after 3000 s (ServiceTimeout)").contains("www.example.com (CNAME")
                .contains(Failure.WHEN_VALIDATION_STALLS);
        }

        @Test
        void diagnosisIsWantedOnlyForAPendingCertificateWhoseZonesNameServersWereRead() {
            Optional<CertificateStatus> pendingStatus = Optional.of(status(pending()));
            StepState checked = waiting.withZoneNameServers(Map.of("Z1", List.of("ns-1.awsdns-1.com")));

            assertThat(wantsDiagnosis(checked, pendingStatus, at(START))).isTrue();
            assertThat(wantsDiagnosis(waiting, pendingStatus, at(START))).as("no pre-flight").isFalse();
            assertThat(wantsDiagnosis(checked, Optional.of(status(new Issuance.Issued())), at(START)))
                .as("issued").isFalse();
            assertThat(wantsDiagnosis(checked, pendingStatus, at(DEADLINE))).as("past the deadline")
                .isFalse();
            StepState off = inPhase(Phase.AWAIT_ISSUANCE, Map.of("DnsPreflight", "OFF"))
                .withZoneNameServers(Map.of("Z1", List.of("ns-1.awsdns-1.com")));
            assertThat(wantsDiagnosis(off, pendingStatus, at(START))).as("DnsPreflight OFF").isFalse();
        }

        @Test
        void aProvableProblemIsRememberedFromTheFirstLookThatProvedIt() {
            StepState next = next(waiting, pendingWithRecordMissing(), at(START + 10_000));

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.validationProblemSinceEpochMs()).isEqualTo(START + 10_000);
        }

        @Test
        void aProvableProblemLastingValidationProblemTimeoutFailsWithItsCauseAndFix() {
            StepState since = waiting.withValidationProblemSince(START);

            StepState next = next(since, pendingWithRecordMissing(), at(START + 300_000));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).startsWith("ACM cannot validate the certificate, as public DNS has shown for 300 s")
                .contains("Fix: put that CNAME");
        }

        @Test
        void theLookBeforeTheProblemTimeoutComesNoLaterThanIt() {
            StepState since = waiting.withValidationProblemSince(START);

            StepState next = next(since, pendingWithRecordMissing(), at(START + 298_500));

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.waitSeconds()).isEqualTo(2);
            assertThat(next.validationProblemSinceEpochMs()).isEqualTo(START);
        }

        @Test
        void anAllClearForgetsTheProblem() {
            StepState since = waiting.withValidationProblemSince(START);

            StepState next = next(since,
                new Observation.Looked(Optional.of(status(pending())), Optional.of(List.of())), at(START + 60_000));

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.validationProblemSinceEpochMs()).isNull();
        }

        @Test
        void withDnsPreflightWarnAProvedProblemNeverFails() {
            StepState warn = inPhase(Phase.AWAIT_ISSUANCE, Map.of("DnsPreflight", "WARN"))
                .withValidationProblemSince(START);

            StepState next = next(warn, pendingWithRecordMissing(), at(START + 3_000_000 - 1));

            assertThat(next.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(next.validationProblemSinceEpochMs()).isNull();
        }
    }

    @Nested
    class ReleaseAndFailures {
        private final StepState releasing = StepState.releasing(create(Map.of()), "stack/Certificate", ARN, PLAN, START,
            DEADLINE);

        @Test
        void aFinishedReleaseIsDone() {
            StepState next = next(releasing,
                new Observation.Released(new Release(Release.Kind.DELETED, "deleted", List.of())), at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.DONE);
            assertThat(next.data()).isEmpty();
        }

        @Test
        void aCertificateInUseIsTriedAgainUntilTheDeadlineThenFailsNamingWhatUsesIt() {
            Observation inUse = new Observation.Released(new Release(Release.Kind.IN_USE, "in use",
                List.of("arn:aws:cloudfront::123456789012:distribution/E1")));

            StepState again = next(releasing, inUse, at(START));
            StepState failed = next(again, inUse, at(DEADLINE));

            assertThat(again.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(again.phase()).isEqualTo(Phase.RELEASE);
            assertThat(failed.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(failed.reason()).contains("still in use by [arn:aws:cloudfront::123456789012:distribution/E1]");
        }

        @Test
        void throttlingBeyondTheSdksRetriesWaitsInsteadOfFailingUntilTheDeadline() {
            StepState state = inPhase(Phase.AWAIT_ISSUANCE, Map.of());

            StepState again = next(state, new Observation.CallFailed(throttled()), at(START));
            StepState failed = next(state, new Observation.CallFailed(throttled()), at(DEADLINE));

            assertThat(again.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(again.phase()).isEqualTo(Phase.AWAIT_ISSUANCE);
            assertThat(failed.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(failed.reason()).startsWith("DescribeCertificate failed: ThrottlingException");
        }

        @Test
        void anyOtherAwsFailureFailsAtOnceNamingTheOperation() {
            AwsCallException denied = new AwsCallException("ChangeResourceRecordSets", "AccessDenied",
                "not authorized", false, null);

            StepState next = next(inPhase(Phase.WRITE_RECORDS, Map.of()), new Observation.CallFailed(denied),
                at(START));

            assertThat(next.outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(next.reason()).isEqualTo("ChangeResourceRecordSets failed: AccessDenied: not authorized");
            assertThat(next.certificateArn()).isEqualTo(ARN);
        }
    }
}
