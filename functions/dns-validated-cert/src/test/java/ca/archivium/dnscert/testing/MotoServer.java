package ca.archivium.dnscert.testing;

import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import ca.archivium.dnscert.testing.conformance.ConformanceTiming;
import ca.archivium.dnscert.testing.conformance.ServiceModels;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code moto_server} (the AWS emulator) running as a child process on a free port of 127.0.0.1, behind the
 * {@link AwsConformanceLayer} that makes it answer as AWS does: {@link #endpoint()} is the layer's. Its output goes
 * to a log file under {@code target/moto/}, the layer's refusals to {@code target/conformance/}. The process never
 * outlives the JVM: a shutdown hook destroys it.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI raw;
    private final Path log;
    private final Thread stopAtExit;
    private AwsConformanceLayer layer;

    private MotoServer(Process process, URI raw, Path log) {
        this.process = process;
        this.raw = raw;
        this.log = log;
        this.stopAtExit = new Thread(this::stopProcess, "moto-server-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** botocore's models, read once per JVM from the Python that runs moto_server. */
    private static final class Models {
        static final ServiceModels OF_MOTO = ServiceModels.load(ServiceModels.botocoreDataOf(locateBinary()));
    }

    /**
     * Starts a server whose pending ACM certificates turn ISSUED after {@code acmValidationWaitSeconds} (on the next
     * describe or list; moto reads the wait only when it starts), behind the conformance layer with the suite's
     * timing ({@link ConformanceTiming#SUITE}). Tests share servers through {@link Emulators}.
     */
    public static MotoServer start(int acmValidationWaitSeconds) {
        // Reading the models (asking moto's Python where botocore is, then parsing) takes about a second the first
        // time in a JVM: done while moto starts.
        CompletableFuture<ServiceModels> models = CompletableFuture.supplyAsync(() -> Models.OF_MOTO);
        MotoServer server = start(acmValidationWaitSeconds, true);
        try {
            server.layer = AwsConformanceLayer.start(server.raw, models.join(), ConformanceTiming.SUITE,
                Optional.of(Path.of("target", "conformance", "refusals-moto" + server.raw.getPort() + ".log")),
                "moto with MOTO_ACM_VALIDATION_WAIT=" + acmValidationWaitSeconds);
            return server;
        } catch (RuntimeException | ExceptionInInitializerError e) {
            server.close();
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            throw new IllegalStateException("the AWS conformance layer did not start: " + cause.getMessage(), cause);
        }
    }

    /**
     * Starts moto exactly as it comes, with no layer in front, for the benchmark: its figures include moto's own
     * time (the key it makes for each certificate), which the boto3 anchor shares, and no hop of ours.
     */
    public static MotoServer startAsItComes(int acmValidationWaitSeconds) {
        return start(acmValidationWaitSeconds, false);
    }

    private static MotoServer start(int acmValidationWaitSeconds, boolean sharedKeys) {
        try {
            Path binary = locateBinary();
            int port = freePort();
            Path log = Path.of("target", "moto", "moto-acmwait" + acmValidationWaitSeconds + "-port" + port + ".log");
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("MOTO_ACM_VALIDATION_WAIT", String.valueOf(acmValidationWaitSeconds));
            if (sharedKeys) {
                builder.environment().merge("PYTHONPATH", sharedKeys(log.getParent()).toString(),
                    (theirs, ours) -> ours + File.pathSeparator + theirs);
            }
            MotoServer server = new MotoServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto_server", e);
        }
    }

    /**
     * The folder of {@code moto/sitecustomize.py}, which Python imports at start-up: it makes moto build one RSA key
     * per size instead of one per certificate (no test reads the key; the key's making and checking was most of
     * RequestCertificate's time).
     */
    private static Path sharedKeys(Path under) throws IOException {
        Path folder = under.resolve("python");
        Files.createDirectories(folder);
        try (var in = MotoServer.class.getResourceAsStream("/moto/sitecustomize.py")) {
            if (in == null) {
                throw new IllegalStateException("moto/sitecustomize.py is missing from the test classpath");
            }
            Path written = Files.createTempFile(folder, "sitecustomize", ".tmp");
            Files.copy(in, written, StandardCopyOption.REPLACE_EXISTING);
            Files.move(written, folder.resolve("sitecustomize.py"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        }
        return folder.toAbsolutePath();
    }

    /** Where the SDK (or a {@link FaultProxy}) sends requests: the conformance layer, unless moto runs as it comes. */
    public URI endpoint() {
        return layer == null ? raw : layer.endpoint();
    }

    /** moto itself, past the layer: for a test that says why it needs moto as it comes ({@link Emulators}). */
    public URI rawEndpoint() {
        return raw;
    }

    /** The layer in front of moto: its refusals, ACM's delays, and the scripts a test sets. */
    public AwsConformanceLayer conformance() {
        if (layer == null) {
            throw new IllegalStateException("moto runs as it comes (MotoServer.startAsItComes): there is no layer");
        }
        return layer;
    }

    /** The process id of moto_server, to check it is gone. */
    long pid() {
        return process.pid();
    }

    /** Wipes every account's state (zones, certificates, executions), and what the layer remembered and scripted. */
    public void reset() {
        URI endpoint = endpoint();
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed at " + endpoint + ", see " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    @Override
    public void close() {
        if (layer != null) {
            layer.close();
        }
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; it finds the process gone
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " during start-up; its output: " + logText());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(raw.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause();
        }
        stopProcess();
        throw new IllegalStateException("moto_server did not answer at " + raw + " within " + STARTUP_LIMIT
                + "; its output: " + logText());
    }

    private void stopProcess() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + log.toAbsolutePath() + ")";
        }
    }

    /** {@code moto_server} from PATH, else from pyenv, which a bare shell may not have on PATH. */
    public static Path locateBinary() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "moto_server"));
            }
        }
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv");
        candidates.add(pyenv.resolve("shims").resolve("moto_server"));
        try (Stream<Path> versions = Files.list(pyenv.resolve("versions"))) {
            versions.sorted().forEach(version -> candidates.add(version.resolve("bin").resolve("moto_server")));
        } catch (IOException noPyenvVersions) {
            // the candidates gathered so far are all there is
        }
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("moto_server (moto 5.2.1, pip install 'moto[server]')"
                        + " is not installed: not on PATH, not in ~/.pyenv/shims, not in ~/.pyenv/versions/*/bin"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
