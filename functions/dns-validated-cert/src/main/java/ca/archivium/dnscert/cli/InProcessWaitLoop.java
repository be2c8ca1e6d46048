package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.lifecycle.Lifecycle;
import ca.archivium.dnscert.lifecycle.StepOutcome;
import ca.archivium.dnscert.lifecycle.StepState;
import ca.archivium.dnscert.lifecycle.StepStates;
import ca.archivium.dnscert.lifecycle.WaitLoop;
import ca.archivium.dnscert.cfn.Sleeper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The wait loop run in this process, for {@code invoke}: the same steps the state machine runs, with the waits
 * really waited (this is a command line, not a Lambda function).
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

    /** Runs every loop started so far to its answer. */
    void runAll(Lifecycle lifecycle) throws InterruptedException {
        for (StepState first : started) {
            StepState state = first;
            while (state.outcome() == StepOutcome.WAIT) {
                progress.println("  " + state.phase() + ": looking again in " + state.waitSeconds() + " s");
                sleeper.sleep(Duration.ofSeconds(state.waitSeconds()));
                state = lifecycle.reconcile().step(state);
            }
            progress.println("  " + state.outcome() + (state.reason() == null ? "" : ": " + state.reason()));
            lifecycle.respond().respond(StepStates.toJson(state));
        }
        started.clear();
    }
}
