package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.api.Plan;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepStatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static StepState state() {
        ObjectNode request = JSON.createObjectNode().put("RequestType", "Create");
        return new StepState(StepOutcome.WAIT, 5, Phase.AWAIT_ISSUANCE, request, "arn:aws:acm:eu-west-1:1:certificate/x",
            false, new Plan("eu-west-1", Map.of()), 1000, 2000, 3, "arn:aws:acm:eu-west-1:1:certificate/x", null, null);
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
