package ca.archivium.dnscert.lambda.runtime;

import ca.archivium.dnscert.lambda.runtime.SamTemplate.SamFunction;
import ca.archivium.dnscert.waitloop.TaskError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One Lambda execution environment of one function: a child JVM running AWS's Java runtime interface client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) against its own {@link RuntimeApiStandIn},
 * started as the managed {@code java21} runtime starts it:
 * <ul>
 *   <li>the JVM's classpath holds the runtime only (the client and its dependencies, {@code runtimeDirectory});
 *       the function's code is not on it. The client finds the code itself in its working directory, the task root
 *       ({@code /var/task} in AWS): the classes at its root and the jars in {@code lib/}, loaded by a class loader of
 *       its own whose parent is the runtime's. So, as in AWS, a class both carry (aws-lambda-java-core) comes from
 *       the runtime;</li>
 *   <li>the handler string is the program argument and {@code _HANDLER};</li>
 *   <li>the environment is emptied, then given what Lambda sets (the reserved variables, the function's memory,
 *       log format and log group, credentials, region) and the template's {@code Environment.Variables}, plus what
 *       the caller adds ({@code AWS_ENDPOINT_URL} and the like);</li>
 *   <li>a function with SnapStart on its published versions (what the template's alias points at) starts as a
 *       restored snapshot does: the runtime runs the CRaC {@code beforeCheckpoint} hooks after init and asks
 *       {@code /runtime/restore/next} before its first invocation;</li>
 *   <li>stdout and stderr go to files, as Lambda sends them to CloudWatch.</li>
 * </ul>
 * The client's JNI library (the Runtime API's {@code next} and {@code response} calls are native, through libcurl;
 * there is no pure-Java fallback) is named with the system property the client reads for that, rather than letting
 * every JVM copy it to the same {@code /tmp/.libaws-lambda-jni.so}.
 */
public final class ExecutionEnvironment implements AutoCloseable {
    private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SamFunction function;
    private final RuntimeApiStandIn runtimeApi;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path classLog;
    private final Instant started = Instant.now();
    private final Thread stopAtExit;
    private final List<InvocationOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Duration init;

    private ExecutionEnvironment(SamFunction function, RuntimeApiStandIn runtimeApi, Process process, Path stdout,
                                 Path stderr, Path classLog) {
        this.function = function;
        this.runtimeApi = runtimeApi;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.classLog = classLog;
        // Should the test JVM end without close() (killed by a timeout, say), the function JVM ends with it.
        this.stopAtExit = new Thread(process::destroyForcibly, "stop-" + function.logicalId());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts the function's JVM; {@link #awaitInit} then waits until the runtime asks for its first invocation.
     *
     * @param functionName     {@code AWS_LAMBDA_FUNCTION_NAME}
     * @param aliasArn         the ARN callers invoke (the {@code live} alias), which each invocation carries
     * @param taskRoot         the function as Lambda unpacks it (classes, {@code lib/})
     * @param runtimeDirectory the runtime's jars and {@code jni/}
     * @param logDirectory     where stdout and stderr go ({@code <logical id>.stdout.log}, {@code .stderr.log})
     * @param awsEnvironment   region, credentials and endpoint, as the function's role and the test give them
     * @param extraEnvironment variables the deployed function does not have, which the test needs
     */
    public static ExecutionEnvironment start(SamFunction function, String functionName, String aliasArn,
                                             Path taskRoot, Path runtimeDirectory, Path logDirectory,
                                             Map<String, String> awsEnvironment,
                                             Map<String, String> extraEnvironment) throws IOException {
        RuntimeApiStandIn runtimeApi = RuntimeApiStandIn.start(aliasArn, Duration.ofSeconds(function.timeoutSeconds()));
        try {
            Files.createDirectories(logDirectory);
            Path stdout = logDirectory.resolve(function.logicalId() + ".stdout.log");
            Path stderr = logDirectory.resolve(function.logicalId() + ".stderr.log");
            Path classLog = logDirectory.resolve(function.logicalId() + ".classes.log");
            // The managed runtime's command line as seen in a java17 function (AWS does not document java21's;
            // taken to be alike): a heap of most of the memory, the serial GC, C1 only, java.io opened, org.crac's
            // SnapStart hooks sent to the runtime's own CRaC context, IPv4, the JNI library named, the runtime's
            // jars alone on the classpath. Left out: Lambda's class-data archive (-Xshare:auto uses the JDK's own)
            // and its Log4j hot-patch agent.
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxHeapSize=" + function.memorySize() * 85 / 100 + "m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac", "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr", "-D" + JNI_PROPERTY + "=" + jniLibrary(runtimeDirectory),
                // Not Lambda's: the classes the JVM loads, to a file (stdout stays the function's), so a test can
                // see what ran before the first invocation.
                "-Xlog:class+load=info:file=" + classLog,
                "-classpath", runtimeClasspath(runtimeDirectory),
                MAIN_CLASS, function.handler()));
            ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(lambdaEnvironment(function, functionName, taskRoot, runtimeDirectory, runtimeApi));
            environment.putAll(awsEnvironment);
            environment.putAll(function.environment());
            environment.putAll(extraEnvironment);
            return new ExecutionEnvironment(function, runtimeApi, builder.start(), stdout, stderr, classLog);
        } catch (IOException | RuntimeException e) {
            runtimeApi.close();
            throw e;
        }
    }

    /** What Lambda itself sets in every execution environment of a java21 function. */
    private static Map<String, String> lambdaEnvironment(SamFunction function, String functionName, Path taskRoot,
                                                         Path runtimeDirectory, RuntimeApiStandIn runtimeApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("_HANDLER", function.handler());
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("LAMBDA_RUNTIME_DIR", runtimeDirectory.toString());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        // AutoPublishAlias: the alias points at a published version
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySize()));
        environment.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
        if (function.logGroupName() != null) {
            environment.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName());
        }
        if (function.snapStart()) {
            // The init ran once, when the version was published; the runtime takes its snapshot after it
            // (beforeCheckpoint, then GET /runtime/restore/next). A snapshot is shared by many environments, so
            // Lambda gives it no log stream name.
            environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        } else {
            environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            environment.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy/MM/dd")) + "/[1]" + randomHex(16));
        }
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
        return environment;
    }

    private static String runtimeClasspath(Path runtimeDirectory) throws IOException {
        try (Stream<Path> files = Files.list(runtimeDirectory)) {
            List<String> jars = files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
            if (jars.stream().noneMatch(jar -> jar.contains("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException("no runtime interface client in " + runtimeDirectory
                    + " (mvn -Pintegration package lays it out): " + jars);
            }
            return String.join(File.pathSeparator, jars);
        }
    }

    /** The client's library for this machine: glibc Linux on x86_64 or aarch64, as Lambda itself is. */
    private static Path jniLibrary(Path runtimeDirectory) {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the Lambda runtime client has no JNI library for "
                + System.getProperty("os.arch"));
        };
        Path library = runtimeDirectory.resolve("jni").resolve("libaws-lambda-jni.linux-" + arch + ".so");
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException(library + " is missing (mvn -Pintegration package unpacks it)");
        }
        return library;
    }

    /** Waits until the runtime has loaded the handler and asks for work; fails with its output if it does not. */
    public ExecutionEnvironment awaitInit(Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (runtimeApi.nextRequests() == 0) {
            if (runtimeApi.initError().isPresent()) {
                throw failure("init failed: " + runtimeApi.initError().get());
            }
            if (!process.isAlive()) {
                throw failure("the runtime exited with code " + process.exitValue() + " during init");
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure("the runtime did not ask for an invocation within " + limit);
            }
            Thread.sleep(20);
        }
        init = Duration.between(started, Instant.now());
        return this;
    }

    /**
     * Waits until the runtime, done with its last invocation, asks for the next one: it posts its answer before it
     * calls {@code next} again.
     */
    public void awaitIdle(Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!runtimeApi.runtimeWaiting()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw failure("the runtime did not ask for another invocation within " + limit);
            }
            Thread.sleep(10);
        }
    }

    /** One invocation with this event, as Step Functions or CloudFormation makes it; the runtime's answer. */
    public InvocationOutcome invoke(byte[] event) throws InterruptedException {
        try {
            InvocationOutcome outcome = runtimeApi.invoke(event, Duration.ofSeconds(function.timeoutSeconds()),
                process::isAlive);
            outcomes.add(outcome);
            return outcome;
        } catch (RuntimeApiStandIn.InvocationFailedException e) {
            throw failure(e.getMessage());
        }
    }

    /**
     * A Task's view of the function: the document in, the function's JSON answer out; a function error becomes the
     * {@link TaskError} Step Functions raises ({@code Error} is the error document's {@code errorType},
     * {@code Cause} the document itself).
     */
    public JsonNode call(JsonNode input) throws TaskError {
        InvocationOutcome outcome;
        try {
            outcome = invoke(input.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + function.logicalId(), e);
        }
        try {
            if (outcome.failed()) {
                throw new TaskError(JSON.readTree(outcome.body()).path("errorType").asText("Unknown"),
                    outcome.bodyText());
            }
            return JSON.readTree(outcome.body());
        } catch (IOException e) {
            throw failure(function.logicalId() + " answered something that is not JSON: " + outcome);
        }
    }

    public SamFunction function() {
        return function;
    }

    /** What the runtime answered to each invocation, in order. */
    public List<InvocationOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public RuntimeApiStandIn runtimeApi() {
        return runtimeApi;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** From start until the runtime first asked for an invocation. */
    public Duration initDuration() {
        return init;
    }

    /** What the function and the runtime wrote to stdout, line by line. */
    public List<String> stdoutLines() {
        return lines(stdout);
    }

    public List<String> stderrLines() {
        return lines(stderr);
    }

    /** Whether the JVM has loaded this class (its {@code -Xlog:class+load} file names it). */
    public boolean loaded(String className) {
        String loaded = "] " + className + " source:";
        return lines(classLog).stream().anyMatch(line -> line.contains(loaded));
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(function.logicalId() + " (" + function.handler() + "): " + what
            + "\n--- stdout (" + stdout + "):\n" + tail(stdoutLines()) + "\n--- stderr (" + stderr + "):\n"
            + tail(stderrLines()));
    }

    private static String tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 40), lines.size()).stream().collect(Collectors.joining("\n"));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Stops the JVM (and anything it started) for good, then the Runtime API. */
    @Override
    public void close() {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(function.logicalId() + "'s JVM (pid " + process.pid()
                    + ") did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runtimeApi.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds the process gone
            }
        }
    }
}
