package ca.archivium.dnscert.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark ({@code bin/benchmark}): starts its own moto servers, runs each scenario several times through the
 * product as users run it, and prints a table of medians (also written to {@code target/benchmark/results.md}).
 *
 * <pre>
 * Benchmark ROOT [--runs N] [--only calls,coldstart,issuance,burst,size,guardian] [--jvms JAVA_HOME,JAVA_HOME]
 * </pre>
 */
public final class Benchmark {
    private static final List<String> SCENARIOS = List.of("calls", "coldstart", "issuance", "burst", "size", "guardian");

    private Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).toAbsolutePath();
        int runs = 5;
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        List<String> jvms = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--jvms" -> jvms = new ArrayList<>(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                    + "; usage: Benchmark ROOT [--runs N] [--only " + String.join(",", SCENARIOS) + "] [--jvms HOME,HOME]");
            }
        }
        Path out = root.resolve("functions/dns-validated-cert/target/benchmark");
        Files.createDirectories(out);
        Report report = new Report(System.out);
        long started = System.nanoTime();
        try (TimedSink sink = new TimedSink()) {
            Workbench bench = new Workbench(root, out.resolve("scratch"), runs, sink, new Events(sink, out.resolve("events")));
            report.heading(runs);
            if (only.contains("calls")) {
                report.callCounts(new CallCounts(bench).measure());
            }
            if (only.contains("coldstart")) {
                report.coldStart(new ColdStart(bench, jvms).measure());
            }
            if (only.contains("issuance")) {
                report.issuance(new IssuanceLatency(bench).measure());
            }
            if (only.contains("burst")) {
                report.burst(new Burst(bench).measure());
            }
            if (only.contains("size")) {
                report.size(Size.measure(root, report.peakRssMb()));
            }
            if (only.contains("guardian")) {
                report.guardian(new GuardianRun(bench).measure());
            }
        }
        report.footer((System.nanoTime() - started) / 1e9);
        Files.writeString(out.resolve("results.md"), report.text());
        System.out.println(String.format(Locale.ROOT, "(also in %s)", root.relativize(out.resolve("results.md"))));
    }
}
