package ca.archivium.dnscert.waitloop;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.failure.FailureKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepStatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StepState state() {
        ObjectNode request = JSON.createObjectNode().put("RequestType", "Create");
        Plan plan = new Plan("eu-west-1", Map.of());
        return StepState.provisioning(request, "stack/Certificate", plan, 1000, 2000)
            .withCertificate("arn:aws:acm:eu-west-1:1:certificate/x", false, plan).inPhase(Phase.AWAIT_ISSUANCE)
            .waitFor(5).waitFor(5).waitFor(5);
    }

    @Test
    void eachStartingPointIsAWaitWithNothingLookedAtYet() {
        ObjectNode request = JSON.createObjectNode().put("RequestType", "Delete");
        Plan plan = new Plan("eu-west-1", Map.of());

        StepState provisioning = StepState.provisioning(request, "stack/Certificate", plan, 1000, 2000);
        StepState releasing = StepState.releasing(request, "stack/Certificate", "arn:aws:acm:eu-west-1:1:certificate/x",
            plan, 1000, 2000);

        assertThat(provisioning.phase()).isEqualTo(Phase.PROVISION);
        assertThat(provisioning.certificateArn()).isNull();
        assertThat(releasing.phase()).isEqualTo(Phase.RELEASE);
        assertThat(releasing.certificateArn()).isEqualTo("arn:aws:acm:eu-west-1:1:certificate/x");
        assertThat(List.of(provisioning, releasing)).allSatisfy(state -> {
            assertThat(state.outcome()).isEqualTo(StepOutcome.WAIT);
            assertThat(state.looks()).isZero();
            assertThat(state.deadlineEpochMs()).isEqualTo(2000);
            assertThat(state.owner()).as("who holds the certificate travels with the document")
                .isEqualTo("stack/Certificate");
        });
    }

    @Test
    void aDocumentOfAnEarlierVersionWithItsPhysicalIdIsStillRead() {
        ObjectNode earlier = StepStates.toJson(state()).put("physicalResourceId", "arn:aws:acm:eu-west-1:1:certificate/x");

        assertThat(StepStates.fromJson(earlier)).isEqualTo(state());
    }

    @Test
    void aFailedStepKeepsItsCertificateForTheAnswerAndSaysWhy() {
        StepState failed = state().failed(Failure.validationTimedOut());

        assertThat(failed.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(failed.reason()).isEqualTo(Failure.validationTimedOut().reason());
        assertThat(failed.failure()).isEqualTo(FailureKind.CERTIFICATE_FAILED);
        assertThat(StepStates.fromJson(StepStates.toJson(failed)).failureTold()).as("the kind survives the JSON")
            .isEqualTo(Failure.validationTimedOut());
        assertThat(failed.certificateArn()).isEqualTo("arn:aws:acm:eu-west-1:1:certificate/x");
    }

    @Test
    void aDocumentWrittenBeforeTheDnsChecksIsReadAsProblemNotSeen() {
        ObjectNode old = StepStates.toJson(state());
        assertThat(old.has("validationProblemSinceEpochMs")).as("null fields are left out").isFalse();
        old.remove("zoneNameServers");

        StepState read = StepStates.fromJson(old);
        assertThat(read.validationProblemSinceEpochMs()).isNull();
        assertThat(read.zoneNameServers()).isNull();
        assertThat(read.looks()).isEqualTo(3);
    }

    @Test
    void whenTheProblemWasFirstSeenAndTheZonesNameServersSurviveTheRoundTrip() {
        StepState carried = state().withZoneNameServers(Map.of("Z1", List.of("ns-1.awsdns-01.com")))
            .withValidationProblemSince(123_456L).waitFor(7);

        StepState read = StepStates.fromJson(StepStates.toJson(carried));
        assertThat(read.validationProblemSinceEpochMs()).isEqualTo(123_456L);
        assertThat(read.zoneNameServers()).containsEntry("Z1", List.of("ns-1.awsdns-01.com"));
        assertThat(read).isEqualTo(carried);
    }
}
