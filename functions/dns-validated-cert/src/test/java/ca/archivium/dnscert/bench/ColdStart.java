package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start: a fresh process handling a Create with {@code WaitForIssuance: false} up to the delivered answer
 * (the process exits right after the PUT), against moto through the counting proxy. The product, as started by
 * {@code bin/dnscert} and as plain {@code java -jar} variants, alternates run by run with {@code bench/anchor.py},
 * a minimal boto3 script making the same AWS calls, so that the machine's noise hits them all alike.
 *
 * <p>Each JVM given ({@code --jvms HOME,HOME}; by default {@code JAVA_HOME}, else {@code java} on the path) gets a
 * row of each kind, labelled with its version. {@code BENCH_COLDSTART_EXTRA} adds variants, one a line,
 * {@code LABEL :: COMMAND}: the command is run by bash with the event file as {@code $1}, {@code $ROOT} the repository
 * and {@code $JAR} the shaded jar (for trying JVM options: {@code DNSCERT_JAVA_OPTIONS=... $ROOT/bin/dnscert invoke
 * "$1"}).
 */
final class ColdStart {

    /** One way of starting the work, with the environment variables it adds, and the medians of its runs. */
    record Variant(String label, List<String> command, Map<String, String> environment) {
    }

    /** Medians of one variant: wall and CPU seconds, peak memory, the AWS calls one run made. */
    record Figures(String label, double wallSeconds, double cpuSeconds, double peakRssMb, Map<String, Integer> calls,
                   List<Double> walls) {
    }

    /** A JVM to run the product with: its home ({@code null}: {@code java} on the path) and version. */
    record Jvm(String home, String version) {
        String java() {
            return home == null ? "java" : home + "/bin/java";
        }

        /** {@code JAVA} for the launcher (which takes it over {@code JAVA_HOME}). */
        Map<String, String> environment() {
            return home == null ? Map.of() : Map.of("JAVA", java(), "JAVA_HOME", home);
        }

        String label(String what) {
            return version == null ? what : what + " (Java " + version + ")";
        }

        static Jvm of(String home) {
            if (home == null || home.isBlank()) {
                return new Jvm(null, null);
            }
            String version = null;
            try {
                for (String line : Files.readAllLines(Path.of(home, "release"))) {
                    if (line.startsWith("JAVA_VERSION=")) {
                        version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    }
                }
            } catch (IOException e) {
                // no release file: the row goes without a version
            }
            return new Jvm(home, version);
        }
    }

    private final Workbench bench;
    private final List<Jvm> jvms;

    /** {@code jvms}: the JVM homes to compare; empty means {@code JAVA_HOME}, else {@code java} on the path. */
    ColdStart(Workbench bench, List<String> jvms) {
        this.bench = bench;
        this.jvms = (jvms.isEmpty() ? java.util.Collections.singletonList(System.getenv("JAVA_HOME")) : jvms)
            .stream().map(Jvm::of).toList();
    }

    List<Variant> variants() {
        String jar = bench.jar().toString();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("Python boto3 anchor (bench/anchor.py)",
            List.of(ProcessRun.python(), bench.root().resolve("bench/anchor.py").toString()), Map.of()));
        for (Jvm jvm : jvms) {
            variants.add(new Variant(jvm.label("bin/dnscert invoke"),
                List.of(bench.root().resolve("bin/dnscert").toString(), "invoke"), jvm.environment()));
        }
        for (Jvm jvm : jvms) {
            variants.add(new Variant(jvm.label("java -jar, as it comes"), List.of(jvm.java(), "-jar", jar, "invoke"),
                Map.of()));
            variants.add(new Variant(jvm.label("java -XX:TieredStopAtLevel=1 -jar"),
                List.of(jvm.java(), "-XX:TieredStopAtLevel=1", "-jar", jar, "invoke"), Map.of()));
        }
        String extra = System.getenv("BENCH_COLDSTART_EXTRA");
        if (extra != null) {
            for (String line : extra.split("\n")) {
                int separator = line.indexOf(" :: ");
                if (separator < 1) {
                    continue;
                }
                variants.add(new Variant(line.substring(0, separator).trim(),
                    List.of("bash", "-c", line.substring(separator + 4), "bash"),
                    Map.of("ROOT", bench.root().toString(), "JAR", jar)));
            }
        }
        return variants;
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
                    Map<String, String> environment = new LinkedHashMap<>(emulator.environment());
                    environment.putAll(variant.environment());
                    ProcessRun run = bench.run(variant.command(), event, environment)
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

}
