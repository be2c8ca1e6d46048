package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import ca.archivium.dnscert.waitloop.WaitLoop;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wait loop as the resource handler sees Step Functions: executions are started by name, a name already used
 * is refused (the handler then knows this delivery is already being handled), and the step document is kept as
 * the execution's input. {@link CloudFormationSimulator#runWaitLoop} then plays the state machine's part.
 */
public final class RecordedExecutions implements WaitLoop {
    private final Map<String, JsonNode> executions = new LinkedHashMap<>();
    private RuntimeException startFailure;

    @Override
    public synchronized boolean start(String name, StepState state) {
        if (startFailure != null) {
            throw startFailure;
        }
        if (executions.containsKey(name)) {
            return false;
        }
        executions.put(name, StepStates.toJson(state));
        return true;
    }

    /** Every later start throws this, as StartExecution failing for good would. */
    public synchronized void failStartsWith(RuntimeException failure) {
        startFailure = failure;
    }

    public synchronized List<String> executionNames() {
        return List.copyOf(executions.keySet());
    }

    public synchronized JsonNode input(String name) {
        JsonNode input = executions.get(name);
        if (input == null) {
            throw new AssertionError("no wait-loop execution named " + name + "; started: " + executions.keySet());
        }
        return input;
    }
}
