package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One command run as a fresh process under {@code bench/measure.py}, which reports what the kernel counted for it:
 * wall time, CPU time (user + system) and peak resident memory.
 *
 * @param wallSeconds from the start of the process to its exit
 * @param cpuSeconds  user plus system CPU time of the process
 * @param peakRssMb   peak resident set size, MiB
 * @param exitCode    the process's exit code
 * @param output      what it wrote to standard output and error
 */
record ProcessRun(double wallSeconds, double cpuSeconds, double peakRssMb, int exitCode, String output) {

    /** Runs {@code command} with these extra environment variables, from {@code root}. */
    static ProcessRun of(Path root, List<String> command, Map<String, String> environment, Path scratch) {
        try {
            Files.createDirectories(scratch);
            Path usage = Files.createTempFile(scratch, "usage", ".json");
            Path output = Files.createTempFile(scratch, "output", ".log");
            List<String> measured = new ArrayList<>(List.of(python(), root.resolve("bench/measure.py").toString(),
                usage.toString()));
            measured.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(measured).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            int exit = builder.start().waitFor();
            String text = Files.readString(output);
            if (Files.size(usage) == 0) {
                throw new IllegalStateException("measure.py reported nothing (exit " + exit + "): " + text);
            }
            JsonNode figures = Events.JSON.readTree(usage.toFile());
            Files.delete(usage);
            Files.delete(output);
            return new ProcessRun(figures.path("wall").asDouble(), figures.path("user").asDouble()
                + figures.path("sys").asDouble(), figures.path("maxrss_kb").asDouble() / 1024, exit, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The Python that runs {@code bench/}: {@code BENCH_PYTHON} (the interpreter, not a pyenv shim), else python3. */
    static String python() {
        String python = System.getenv("BENCH_PYTHON");
        return python == null || python.isBlank() ? "python3" : python;
    }

    ProcessRun requireSuccess(String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " exited with " + exitCode + ":\n" + output);
        }
        return this;
    }
}
