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
