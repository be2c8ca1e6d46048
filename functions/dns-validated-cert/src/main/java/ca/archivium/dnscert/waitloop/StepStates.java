package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.json.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Step documents to and from JSON, the form Step Functions carries them in. */
public final class StepStates {
    private StepStates() {
    }

    public static ObjectNode toJson(StepState state) {
        return JsonTrees.toTree(state);
    }

    /**
     * @throws IllegalArgumentException when the document is not a step document this version understands
     */
    public static StepState fromJson(JsonNode json) {
        StepState state = JsonTrees.fromTree(json, StepState.class);
        if (state.request() == null || state.phase() == null || state.plan() == null) {
            throw new IllegalArgumentException("not a wait-loop step document (request, phase or plan missing)");
        }
        return state;
    }
}
