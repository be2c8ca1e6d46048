package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What every scenario shares: the repository (for {@code bin/dnscert} and {@code bench/}), a scratch directory,
 * how many runs to take the median of, and the sink that stands in for CloudFormation.
 */
record Workbench(Path root, Path scratch, int runs, TimedSink sink, Events events) {

    /** {@code bin/dnscert invoke EVENT.json}: the product as users start it, in a fresh JVM. */
    ProcessRun invoke(ObjectNode event, Map<String, String> environment) {
        return run(List.of(root.resolve("bin/dnscert").toString(), "invoke"), event, environment);
    }

    /** Runs {@code command EVENT.json} in a fresh process, measured. */
    ProcessRun run(List<String> command, ObjectNode event, Map<String, String> environment) {
        List<String> full = new java.util.ArrayList<>(command);
        full.add(events.write(event).toString());
        return ProcessRun.of(root, full, environment, scratch);
    }

    /** The shaded jar the launcher runs. */
    Path jar() {
        return root.resolve("functions/dns-validated-cert/target/dns-validated-cert.jar");
    }

    /** The answer CloudFormation got for this event; fails when there was none. */
    TimedSink.Answer answerTo(ObjectNode event, ProcessRun run) {
        return sink.answerTo(Events.requestId(event)).orElseThrow(() -> new IllegalStateException(
            "no answer reached the sink for " + event.path("RequestType").asText() + "; output:\n" + run.output()));
    }
}
