package ca.archivium.dnscert.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a local execution of a state machine ended.
 *
 * @param status        {@code SUCCEEDED} or {@code FAILED}
 * @param output        the execution's output when it succeeded, else a JSON null
 * @param error         the error name when it failed, else null
 * @param cause         the error cause when it failed, else null
 * @param visitedStates every state entered, in order (a retried Task is entered once per try)
 * @param retriedStates the state of every retry, in order
 * @param invocations   every call of a bound function, in order
 */
public record ExecutionResult(
        String status,
        JsonNode output,
        String error,
        String cause,
        List<String> visitedStates,
        List<String> retriedStates,
        List<Invocation> invocations) {

    public ExecutionResult {
        visitedStates = List.copyOf(visitedStates);
        retriedStates = List.copyOf(retriedStates);
        invocations = List.copyOf(invocations);
    }

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    /** The payloads one state's function received, in order. */
    public List<JsonNode> inputsOf(String state) {
        return invocations.stream().filter(call -> call.state().equals(state)).map(Invocation::input).toList();
    }
}
