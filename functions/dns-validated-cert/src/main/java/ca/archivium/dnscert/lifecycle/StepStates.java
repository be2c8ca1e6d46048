package ca.archivium.dnscert.lifecycle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Step documents to and from JSON, the form Step Functions carries them in. */
public final class StepStates {
    // Configured once here and never changed afterwards: safe to share between threads.
    private static final ObjectMapper JSON = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StepStates() {
    }

    public static ObjectNode toJson(StepState state) {
        return JSON.valueToTree(state);
    }

    /**
     * @throws IllegalArgumentException when the document is not a step document this version understands
     */
    public static StepState fromJson(JsonNode json) {
        StepState state = JSON.convertValue(json, StepState.class);
        if (state.request() == null || state.phase() == null || state.plan() == null) {
            throw new IllegalArgumentException("not a wait-loop step document (request, phase or plan missing)");
        }
        return state;
    }
}
