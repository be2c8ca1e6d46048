package ca.archivium.dnscert.statemachine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code statemachine/} directory and the Node tools under {@code statemachine/test/}
 * (aws-local-stepfunctions, asl-validator), run as subprocesses.
 */
public final class StateMachineWorkspace {

    /** The definition the SAM template deploys, relative to the repository root. */
    public static final String WAIT_LOOP = "statemachine/wait-loop.asl.json";

    // Only a guard against a hung subprocess; a loop of a few states finishes in about a second.
    private static final long PROCESS_TIMEOUT_SECONDS = 120;

    private final Path repositoryRoot;

    public StateMachineWorkspace(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    /**
     * Finds the repository from the working directory (the module directory under Maven) by walking
     * up to the directory that holds {@value #WAIT_LOOP}. Empty when the module is built outside the
     * repository, as {@code sam build} does in a scratch copy.
     */
    public static Optional<StateMachineWorkspace> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(WAIT_LOOP))) {
                return Optional.of(new StateMachineWorkspace(dir));
            }
        }
        return Optional.empty();
    }

    public Path waitLoopDefinition() {
        return repositoryRoot.resolve(WAIT_LOOP);
    }

    /**
     * Runs {@code node <script> <arguments>} in {@code statemachine/test}, feeding {@code stdin}.
     *
     * @throws IllegalStateException when the Node dependencies are not installed or node cannot run
     */
    public NodeRun node(String script, List<String> arguments, String stdin) {
        Path testDir = repositoryRoot.resolve("statemachine/test");
        if (!Files.isDirectory(testDir.resolve("node_modules"))) {
            throw new IllegalStateException(testDir.resolve("node_modules") + " is missing: run `npm ci --prefix "
                    + repositoryRoot.relativize(testDir) + "` in " + repositoryRoot + " first (Node 20 or later)");
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(testDir.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start `node` (Node 20 or later must be on the PATH): " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readFully(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readFully(process.getErrorStream()));
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot write the input of " + command, e);
        }
        try {
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + PROCESS_TIMEOUT_SECONDS
                        + " s; stderr so far: " + stderr.getNow(""));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command, e);
        }
        return new NodeRun(process.exitValue(), stdout.join(), stderr.join());
    }

    private static String readFully(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit status and output of one Node run. */
    public record NodeRun(int exitCode, String stdout, String stderr) {
    }
}
