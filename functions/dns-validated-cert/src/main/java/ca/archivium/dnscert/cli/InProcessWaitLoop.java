package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.time.Sleeper;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import ca.archivium.dnscert.waitloop.WaitLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The wait loop run in this process, for {@code invoke}: the executions the resource handler starts are kept, then
 * run by {@link InProcessStateMachine} (the state machine's own Retry and Catch) with the waits really waited (this
 * is a command line, not a Lambda function), printing progress ({@link ProgressLines}).
 */
final class InProcessWaitLoop implements WaitLoop {
    private final List<StepState> started = new ArrayList<>();
    private final PrintStream progress;
    private final Sleeper sleeper;

    InProcessWaitLoop(PrintStream progress, Sleeper sleeper) {
        this.progress = progress;
        this.sleeper = sleeper;
    }

    @Override
    public boolean start(String name, StepState state) {
        progress.println("wait loop " + name + " started (" + state.phase() + ")");
        started.add(state);
        return true;
    }

    /**
     * Runs every loop started so far to its answer.
     *
     * @return false when an answer could not be delivered (the deployed loop would end in ResponseNotDelivered)
     */
    boolean runAll(Lifecycle lifecycle) throws InterruptedException {
        if (started.isEmpty()) {
            // Answered at once (WaitForIssuance false, a Delete): no state machine, none of its JSON set-up.
            return true;
        }
        InProcessStateMachine machine = lifecycle.inProcess(sleeper, new ProgressLines(progress));
        boolean delivered = true;
        for (StepState first : started) {
            InProcessStateMachine.Execution execution = machine.run(StepStates.toJson(first));
            String reason = execution.answered().path("reason").asText("");
            progress.println("  " + execution.answered().path("outcome").asText("no outcome")
                + (reason.isEmpty() ? "" : ": " + reason));
            if (!execution.succeeded()) {
                progress.println("error: the answer was not delivered to CloudFormation: "
                    + execution.notDelivered().getMessage());
                delivered = false;
            }
        }
        started.clear();
        return delivered;
    }
}
