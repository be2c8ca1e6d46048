package ca.archivium.dnscert.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API of one execution environment, on 127.0.0.1: what a Lambda runtime (here AWS's Java
 * runtime interface client) talks to at {@code AWS_LAMBDA_RUNTIME_API}. The test queues invocations with
 * {@link #invoke}; the runtime takes them with {@code GET /2018-06-01/runtime/invocation/next}, which blocks until one
 * is queued, and answers each with {@code POST .../invocation/{id}/response} or {@code .../invocation/{id}/error}.
 * A runtime that cannot start posts {@code /runtime/init/error}, which fails every invocation from then on.
 * SnapStart's {@code GET /runtime/restore/next} and {@code POST /runtime/restore/error} are answered too, so that a
 * runtime started with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} gets through its checkpoint.
 *
 * <p>As in Lambda, one environment serves one invocation at a time: {@link #invoke} is not meant to be called from
 * several threads at once. Anything else the runtime calls is answered 404 and recorded in {@link #unexpected()}, so
 * a test can tell that the runtime wanted something this stand-in lacks.
 */
public final class RuntimeApiStandIn implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_ANSWER = Pattern.compile(
        PREFIX + "invocation/([^/]+)/(response|error)");
    /** How long one {@code next} waits before looking whether the stand-in is closing. */
    private static final Duration NEXT_POLL = Duration.ofMillis(250);

    private final HttpServer server;
    private final ExecutorService threads;
    private final String functionArn;
    private final Duration timeout;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<InvocationOutcome> initError = new CompletableFuture<>();
    private final AtomicInteger nextRequests = new AtomicInteger();
    private final AtomicInteger restoreRequests = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private RuntimeApiStandIn(String functionArn, Duration timeout) throws IOException {
        this.functionArn = functionArn;
        this.timeout = timeout;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // next blocks a thread while the runtime waits for work: a pool, not the server's single thread.
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::route);
        server.start();
    }

    /**
     * A Runtime API for the function (alias) {@code functionArn}, which Lambda gives each invocation as
     * {@code Lambda-Runtime-Invoked-Function-Arn}; each invocation's deadline is {@code timeout} after it is taken.
     */
    public static RuntimeApiStandIn start(String functionArn, Duration timeout) throws IOException {
        return new RuntimeApiStandIn(functionArn, timeout);
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues one invocation and waits until the runtime answers it.
     *
     * @throws InvocationFailedException when no answer comes within {@code wait}, when the runtime reported an init
     *     error, or when {@code stillRunning} says the runtime is gone
     */
    public InvocationOutcome invoke(byte[] payload, Duration wait, java.util.function.BooleanSupplier stillRunning)
        throws InterruptedException {
        Pending pending = new Pending(UUID.randomUUID().toString(), payload);
        queued.add(pending);
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            if (initError.isDone()) {
                queued.remove(pending);
                throw new InvocationFailedException("the runtime reported an init error: " + initError.join());
            }
            try {
                return pending.outcome.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (!stillRunning.getAsBoolean()) {
                    queued.remove(pending);
                    throw new InvocationFailedException("the runtime exited before it answered invocation "
                        + pending.requestId);
                }
                if (Instant.now().isAfter(deadline)) {
                    queued.remove(pending);
                    throw new InvocationFailedException("no answer to invocation " + pending.requestId + " within "
                        + wait + (inFlight.containsKey(pending.requestId) ? " (the runtime took it)"
                        : " (the runtime never asked for it)"));
                }
            } catch (java.util.concurrent.ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** The runtime's {@code /runtime/init/error} document, if it posted one. */
    public Optional<InvocationOutcome> initError() {
        return Optional.ofNullable(initError.getNow(null));
    }

    /** How many times the runtime asked for the next invocation, the one it is waiting for now included. */
    public int nextRequests() {
        return nextRequests.get();
    }

    /** Whether the runtime is in a {@code next} call, waiting for work (idle between invocations). */
    public boolean runtimeWaiting() {
        return waiting.get() > 0;
    }

    /** How many times the runtime asked {@code /runtime/restore/next} (SnapStart only). */
    public int restoreRequests() {
        return restoreRequests.get();
    }

    /** How many invocations the runtime answered, with a response or an error. */
    public int served() {
        return served.get();
    }

    /** Requests the stand-in does not implement ({@code METHOD path}), in order. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Matcher answer = INVOCATION_ANSWER.matcher(path);
            if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && answer.matches()) {
                answer(exchange, answer.group(1), answer.group(2).equals("error"));
            } else if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                initError.complete(InvocationOutcome.error("init", body,
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals(PREFIX + "restore/next")) {
                restoreRequests.incrementAndGet();
                send(exchange, 200, "");
            } else if (method.equals("POST") && path.equals(PREFIX + "restore/error")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                initError.complete(InvocationOutcome.error("restore", body,
                    exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                unexpected.add(method + " " + path);
                exchange.getRequestBody().readAllBytes();
                send(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"not in the stand-in\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        nextRequests.incrementAndGet();
        Pending pending = null;
        waiting.incrementAndGet();
        try {
            while (pending == null && !closing) {
                pending = queued.poll(NEXT_POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
        if (pending == null) {
            // Closing: the runtime's process is about to be stopped; an error ends its wait.
            send(exchange, 500, "{\"errorType\":\"ServiceException\",\"errorMessage\":\"shutting down\"}");
            return;
        }
        inFlight.put(pending.requestId, pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(Instant.now().plus(timeout).toEpochMilli()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        exchange.sendResponseHeaders(200, pending.payload.length == 0 ? -1 : pending.payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.payload);
        }
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Pending pending = inFlight.remove(requestId);
        if (pending == null) {
            // What Lambda answers for an id that is not the invocation in progress (or was answered already).
            unexpected.add("POST answer to unknown or already answered invocation " + requestId);
            send(exchange, 400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"" + requestId + "\"}");
            return;
        }
        served.incrementAndGet();
        pending.outcome.complete(error
            ? InvocationOutcome.error(requestId, body,
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
            : InvocationOutcome.response(requestId, body));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** An X-Ray trace header in Lambda's shape: {@code Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + HexFormat.of().formatHex(root)
            + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    @Override
    public void close() {
        closing = true;
        server.stop(0);
        threads.shutdownNow();
    }

    private static final class Pending {
        final String requestId;
        final byte[] payload;
        final CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();

        Pending(String requestId, byte[] payload) {
            this.requestId = requestId;
            this.payload = payload;
        }
    }

    /** An invocation that got no answer from the runtime. */
    public static final class InvocationFailedException extends RuntimeException {
        InvocationFailedException(String message) {
            super(message);
        }
    }
}
