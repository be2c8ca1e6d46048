package ca.archivium.dnscert.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark's output: Markdown tables, printed as each scenario finishes and kept for the results file. */
final class Report {
    private final PrintStream out;
    private final StringBuilder text = new StringBuilder();
    private double peakRssMb = Double.NaN;

    Report(PrintStream out) {
        this.out = out;
    }

    void heading(int runs) {
        line("# Benchmark: Custom::DnsValidatedCert against moto");
        line("");
        line(f("Medians over %d runs (call counts over at most 3). Java: %s %s; %d processors.", runs, System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
    }

    void callCounts(List<CallCounts.Counts> results) {
        List<String> operations = CallCounts.operations(results);
        line("");
        line("## 1. AWS calls per certificate (counted by the proxy, retries included)");
        line("");
        line("| Scenario | " + String.join(" | ", operations) + " | total | wait steps |");
        line("|---|" + "---:|".repeat(operations.size() + 2));
        for (CallCounts.Counts counts : results) {
            line("| " + counts.scenario() + " | " + operations.stream()
                .map(op -> number(counts.calls().getOrDefault(op, 0.0))).collect(Collectors.joining(" | "))
                + " | " + number(counts.total()) + " | " + number(counts.waitSteps()) + " |");
        }
    }

    void coldStart(List<ColdStart.Figures> figures) {
        double anchor = figures.get(0).wallSeconds();
        line("");
        line("## 2. Cold start: Create with WaitForIssuance false, fresh process, up to the delivered answer");
        line("");
        line("| Started as | wall s | × anchor | CPU s | peak RSS MiB | runs (wall s) |");
        line("|---|---:|---:|---:|---:|---|");
        for (ColdStart.Figures f : figures) {
            line(f("| %s | %.2f | %.2f | %.2f | %.0f | %s |", f.label(), f.wallSeconds(), f.wallSeconds() / anchor,
                f.cpuSeconds(), f.peakRssMb(), f.walls().stream().map(w -> f("%.2f", w)).collect(Collectors.joining(" "))));
        }
        line("");
        line("AWS calls of one run: product " + calls(figures.get(1).calls()) + "; anchor " + calls(figures.get(0).calls()));
        peakRssMb = figures.get(1).peakRssMb();
    }

    void issuance(IssuanceLatency.Result result) {
        line("");
        line("## 3. Time from issued to answer (production wait schedule)");
        line("");
        line("| moto issues after | runs | median lag s | max lag s | DescribeCertificate (median) | schedule's median lag s |");
        line("|---:|---:|---:|---:|---:|---:|");
        for (int t : IssuanceLatency.ISSUE_AFTER_SECONDS) {
            List<IssuanceLatency.Sample> samples = result.samples().stream().filter(s -> s.issueAfterSeconds() == t).toList();
            List<Double> lags = samples.stream().map(IssuanceLatency.Sample::lagSeconds).toList();
            line(f("| %d s | %d | %.1f | %.1f | %s | %.1f |", t, samples.size(), Stats.median(lags), Stats.max(lags),
                number(Stats.median(samples.stream().map(IssuanceLatency.Sample::describeCalls).toList())),
                result.simulatedMedianLag().get(t)));
        }
        line("");
        line(f("All runs: median lag %.1f s. Schedule over T uniform in 5–300 s: median lag %.1f s.",
            Stats.median(result.samples().stream().map(IssuanceLatency.Sample::lagSeconds).toList()),
            result.simulatedMedianLagUniform()));
        line(f("A validation of 5 minutes, from the schedule (handler's calls included): %s DescribeCertificate (median), %s at most.",
            number(result.simulatedDescribesAtFiveMinutes()), number(result.simulatedWorstDescribesAtFiveMinutes())));
    }

    void burst(Burst.Result result) {
        line("");
        line(f("## 4. Burst: %d resources at once, AWS request rates enforced", Burst.RESOURCES));
        line("");
        line("| succeeded | answered twice | certificates | unreferenced | wall s (first event to last answer) | throttles | longest handler s |");
        line("|---:|---:|---:|---:|---:|---:|---:|");
        line(f("| %d / %d | %d | %d | %d | %.1f | %d | %.1f |", result.succeeded(), Burst.RESOURCES,
            result.answeredMoreThanOnce(), result.certificates(), result.unreferencedCertificates(), result.wallSeconds(),
            result.totalThrottles(), result.longestHandlerSeconds()));
        line("");
        line("Throttles by limit: " + Burst.describe(result.throttles()) + ".");
        line("Calls: " + calls(result.calls()) + ".");
        result.failures().stream().limit(5).forEach(failure -> line("- failed: " + failure));
    }

    /**
     * Prices of a month of daily guardian runs, us-east-1 list prices (the research notes' table, which names each
     * source; the starred ones are third-party figures quoting AWS, not read on an AWS page).
     */
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double LAMBDA_PER_REQUEST = 0.20 / 1_000_000;
    static final double LOGS_PER_GB = 0.50;
    static final double METRIC_PER_MONTH = 0.30;
    static final double ALARM_PER_MONTH = 0.10;
    static final double RUNS_PER_MONTH = 30.4;
    /** The template's FunctionMemorySize. */
    static final double MEMORY_GB = 1.0;
    /** Custom metrics and alarms the template and the guardian make, whatever the number of certificates. */
    static final int GUARDIAN_METRICS = 3;
    static final int GUARDIAN_ALARMS = 2;
    /** What a log line adds around a certificate's JSON: timestamp, level, message, invocation id, certificate ARN. */
    static final int LOG_LINE_ENVELOPE_BYTES = 300;

    void guardian(List<GuardianRun.Figures> figures) {
        List<String> operations = figures.stream().flatMap(f -> f.calls().keySet().stream()).distinct().sorted().toList();
        line("");
        line("## 6. Renewal guardian: one run of `renewals --fix` (the guardian function's survey), fresh process");
        line("");
        line("| certificates | run | public DNS | wall s | CPU s | peak RSS MiB | " + String.join(" | ", operations)
            + " | calls | throttled | records written | JSON bytes |");
        line("|---:|---|---|---:|---:|---:|" + "---:|".repeat(operations.size() + 4));
        for (GuardianRun.Figures f : figures) {
            line(f("| %d | %s | %s | %.1f | %.1f | %.0f | %s | %d | %d | %d | %d |", f.certificates(), f.label(),
                f.publicDns() ? "Knot (local)" : "off", f.wallSeconds(), f.cpuSeconds(), f.peakRssMb(),
                operations.stream().map(op -> String.valueOf(f.calls().getOrDefault(op, 0))).collect(Collectors.joining(" | ")),
                f.totalCalls(), f.throttled(), f.restored(), f.outputBytes()));
        }
        line("");
        line("Monthly cost of a daily run (us-east-1 list prices; Lambda arm64 at the template's 1024 MB, the run's wall"
            + " time at AWS's rates where measured; free tiers not counted):");
        line("");
        line("| certificates | Lambda | CloudWatch Logs | 3 metrics + 2 alarms | total | one metric and alarm per certificate instead |");
        line("|---:|---:|---:|---:|---:|---:|");
        for (int size : List.of(GuardianRun.SMALL, GuardianRun.LARGE)) {
            GuardianRun.Figures f = figures.stream().filter(x -> x.certificates() == size)
                .reduce((first, second) -> second.awsRates() ? second : first).orElseThrow();
            double lambda = RUNS_PER_MONTH * (f.wallSeconds() * MEMORY_GB * LAMBDA_ARM_PER_GB_SECOND + LAMBDA_PER_REQUEST);
            double logs = RUNS_PER_MONTH * (f.outputBytes() + (double) LOG_LINE_ENVELOPE_BYTES * size) / 1e9 * LOGS_PER_GB;
            double fixed = GUARDIAN_METRICS * METRIC_PER_MONTH + GUARDIAN_ALARMS * ALARM_PER_MONTH;
            line(f("| %d | %.4f USD | %.4f USD | %.2f USD | %.2f USD | %.2f USD |", size, lambda, logs, fixed,
                lambda + logs + fixed, size * (METRIC_PER_MONTH + ALARM_PER_MONTH)));
        }
    }

    void size(Size size) {
        line("");
        line("## 5. Size");
        line("");
        line("| deployment jar MB | Lambda memory setting MB | measured peak RSS of a cold Create MiB |");
        line("|---:|---:|---:|");
        line(f("| %.1f | %d | %.0f |", size.jarMb(), size.memorySettingMb(), size.measuredPeakRssMb()));
    }

    void footer(double seconds) {
        line("");
        line(f("Benchmark wall time: %.0f s.", seconds));
    }

    double peakRssMb() {
        return peakRssMb;
    }

    String text() {
        return text.toString();
    }

    private void line(String line) {
        out.println(line);
        text.append(line).append('\n');
    }

    private static String calls(Map<String, Integer> calls) {
        return calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : f("%.1f", value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
