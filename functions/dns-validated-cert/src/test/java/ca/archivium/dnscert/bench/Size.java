package ca.archivium.dnscert.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Size: the deployment artifact (the shaded jar SAM uploads) and the functions' memory setting in
 * {@code template.yaml}, set against the peak memory measured in the cold-start runs.
 *
 * @param jarMb              the jar, MB (10^6 bytes, as Lambda's limits are stated)
 * @param memorySettingMb    the default of {@code FunctionMemorySize}
 * @param measuredPeakRssMb  peak resident memory of a whole Create in a fresh JVM (launcher), MiB; NaN if not measured
 */
record Size(double jarMb, int memorySettingMb, double measuredPeakRssMb) {
    private static final Pattern MEMORY_DEFAULT = Pattern.compile("FunctionMemorySize:\\s*\\n(?:\\s+\\w+:.*\\n)*?\\s+Default:\\s*(\\d+)");

    static Size measure(Path root, double peakRssMb) {
        try {
            double jar = Files.size(root.resolve("functions/dns-validated-cert/target/dns-validated-cert.jar")) / 1e6;
            Matcher memory = MEMORY_DEFAULT.matcher(Files.readString(root.resolve("template.yaml")));
            int setting = memory.find() ? Integer.parseInt(memory.group(1)) : -1;
            return new Size(jar, setting, peakRssMb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
