package ca.archivium.dnscert.bench;

import java.util.Collection;
import java.util.List;

/** Medians, the one statistic the benchmark quotes: the machine is shared and noisy, means are not robust. */
final class Stats {
    private Stats() {
    }

    static double median(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static double max(Collection<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
    }
}
