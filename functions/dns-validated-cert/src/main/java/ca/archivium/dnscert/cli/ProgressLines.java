package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import ca.archivium.dnscert.waitloop.Phase;
import ca.archivium.dnscert.waitloop.TaskError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * The wait loop's progress as the command line shows it, one line per wait, retry or failed Task, read from the step
 * documents the loop passes: the same for {@code provision} and {@code invoke}, as both run the resource's loop.
 */
final class ProgressLines implements InProcessStateMachine.Observer {
    private final PrintStream out;
    private String certificateShown;

    ProgressLines(PrintStream out) {
        this.out = out;
    }

    /** The certificate the loop works on, once it has one: requested or reused, and where. Shown once. */
    void certificate(String arn, boolean reused, String region) {
        if (arn != null && !arn.equals(certificateShown)) {
            certificateShown = arn;
            out.println((reused ? "reusing " : "requested ") + arn + " in " + region);
        }
    }

    @Override
    public void waiting(JsonNode step) {
        certificate(step.path("certificateArn").asText(null), step.path("reused").asBoolean(),
            step.path("plan").path("region").asText());
        String phase = step.path("phase").asText();
        String waitingFor = Arrays.stream(Phase.values()).filter(p -> p.name().equals(phase))
            .map(p -> "waiting for " + p.waitingFor() + "; ").findFirst().orElse("");
        out.println("  " + phase + ": " + waitingFor + "looking again in " + step.path("waitSeconds").asLong() + " s");
    }

    @Override
    public void retrying(TaskError error, Duration wait) {
        out.println("  " + error.error() + "; trying again in " + wait.toSeconds() + " s");
    }

    @Override
    public void failed(String task, TaskError error) {
        out.println("  " + task + " failed: " + error.getMessage());
    }
}
