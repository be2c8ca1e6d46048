package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start: a fresh process handling a Create with {@code WaitForIssuance: false} up to the delivered answer
 * (the process exits right after the PUT), against moto through the counting proxy. The product, as started by
 * {@code bin/dnscert} and as plain {@code java -jar} variants, alternates run by run with {@code bench/anchor.py},
 * a minimal boto3 script making the same AWS calls, so that the machine's noise hits them all alike.
 */
final class ColdStart {

    /** One way of starting the work, and the medians of its runs. */
    record Variant(String label, List<String> command) {
    }

    /** Medians of one variant: wall and CPU seconds, peak memory, the AWS calls one run made. */
    record Figures(String label, double wallSeconds, double cpuSeconds, double peakRssMb, Map<String, Integer> calls,
                   List<Double> walls) {
    }

    private final Workbench bench;

    ColdStart(Workbench bench) {
        this.bench = bench;
    }

    List<Variant> variants() {
        String java = javaCommand();
        String jar = bench.jar().toString();
        return List.of(
            new Variant("Python boto3 anchor (bench/anchor.py)", List.of(ProcessRun.python(), bench.root().resolve("bench/anchor.py").toString())),
            new Variant("bin/dnscert invoke", List.of(bench.root().resolve("bin/dnscert").toString(), "invoke")),
            new Variant("java -jar, as it comes", List.of(java, "-jar", jar, "invoke")),
            new Variant("java -XX:TieredStopAtLevel=1 -jar", List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar, "invoke")));
    }

    List<Figures> measure() {
        List<Variant> variants = variants();
        Map<Variant, List<ProcessRun>> runs = new LinkedHashMap<>();
        Map<Variant, Map<String, Integer>> calls = new LinkedHashMap<>();
        variants.forEach(v -> runs.put(v, new ArrayList<>()));
        try (Emulator emulator = new Emulator(60)) {
            // One unmeasured round first: the launcher's first run may prepare its class-data archive, and the OS
            // page cache gets the jar and Python's modules, as on any machine that has run the command before.
            for (int round = -1; round < bench.runs(); round++) {
                for (Variant variant : variants) {
                    emulator.resetWithZones();
                    ObjectNode event = event();
                    ProcessRun run = bench.run(variant.command(), event, emulator.environment())
                        .requireSuccess(variant.label());
                    TimedSink.Answer answer = bench.answerTo(event, run);
                    if (!answer.status().equals("SUCCESS")) {
                        throw new IllegalStateException(variant.label() + " answered " + answer.body());
                    }
                    if (round >= 0) {
                        runs.get(variant).add(run);
                        calls.put(variant, emulator.proxy().calls());
                    }
                }
            }
        }
        List<Figures> figures = new ArrayList<>();
        runs.forEach((variant, list) -> figures.add(new Figures(variant.label(),
            Stats.median(list.stream().map(ProcessRun::wallSeconds).toList()),
            Stats.median(list.stream().map(ProcessRun::cpuSeconds).toList()),
            Stats.median(list.stream().map(ProcessRun::peakRssMb).toList()),
            calls.get(variant), list.stream().map(ProcessRun::wallSeconds).toList())));
        return figures;
    }

    private ObjectNode event() {
        ObjectNode properties = Events.properties("www.example.com");
        properties.put("WaitForIssuance", "false");
        return bench.events().create("Site", properties);
    }

    private static String javaCommand() {
        String javaHome = System.getenv("JAVA_HOME");
        return javaHome == null ? "java" : javaHome + "/bin/java";
    }
}
