package ca.archivium.dnscert.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An HTTP proxy in front of moto that the real AWS SDK is pointed at (endpoint override). It forwards every request
 * unchanged, counts calls per AWS operation, and injects the faults a test sets up: throttling, server errors,
 * dropped connections, slow answers, ResourceRecords that ACM has not published yet, or any answer of the test's own.
 *
 * <pre>{@code
 * proxy.next(2, "DescribeCertificate").throttle();
 * proxy.every("ChangeResourceRecordSets").when(r -> r.bodyText().contains("dev.")).serverError(503);
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    /** Targets every operation. */
    public static final String ANY_OPERATION = "*";
    /** Count of a rule that never runs out. */
    static final int ALWAYS = -1;

    // Framing headers are recomputed for each hop; Expect was already answered by the proxy's own server.
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "expect", "date");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService workers;
    private final List<AwsCall> callLog = new CopyOnWriteArrayList<>();
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

    private FaultProxy(URI target, HttpServer server, ExecutorService workers) {
        this.target = target;
        this.server = server;
        this.workers = workers;
    }

    /** Starts a proxy on a free port of 127.0.0.1 that forwards to {@code target} (moto's endpoint). */
    public static FaultProxy start(URI target) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per request: a delayed answer must not hold up the others.
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        FaultProxy proxy = new FaultProxy(target, server, workers);
        server.createContext("/", proxy::handle);
        server.setExecutor(workers);
        server.start();
        return proxy;
    }

    /** Where clients send their requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests seen per operation, retries included (each attempt is its own request). */
    public Map<String, Integer> calls() {
        return callLog.stream().collect(Collectors.toMap(AwsCall::operation, call -> 1, Integer::sum, TreeMap::new));
    }

    /** Requests seen for one operation, retries included. */
    public int calls(String operation) {
        return (int) callLog.stream().filter(call -> call.operation().equals(operation)).count();
    }

    /** Requests seen for one operation signed with one access key: calls per account. */
    public int calls(String operation, String accessKeyId) {
        return (int) callLog.stream()
                .filter(call -> call.operation().equals(operation) && call.accessKeyId().equals(accessKeyId))
                .count();
    }

    /** Every request seen so far, in order of arrival. */
    public List<AwsCall> callLog() {
        return List.copyOf(callLog);
    }

    /** Forgets the requests seen so far. */
    public void resetCounts() {
        callLog.clear();
    }

    /** Starts a rule for the next {@code times} requests to {@code operation} (or {@link #ANY_OPERATION}). */
    public FaultRule next(int times, String operation) {
        if (times < 1) {
            throw new IllegalArgumentException("a fault needs at least one request to hit, got " + times);
        }
        return new FaultRule(operation, times, rules::add);
    }

    /** Starts a rule for every request to {@code operation} (or {@link #ANY_OPERATION}) until cleared. */
    public FaultRule every(String operation) {
        return new FaultRule(operation, ALWAYS, rules::add);
    }

    /** Removes every fault; requests are forwarded unchanged again. */
    public void clearFaults() {
        rules.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            ProxiedRequest request = read(exchange);
            callLog.add(request.call());
            Optional<FaultRule> rule = rules.stream().filter(candidate -> candidate.claim(request)).findFirst();
            Optional<ProxyReply> reply = rule.isPresent()
                    ? rule.get().fault().answer(request, this::forward)
                    : Optional.of(forward(request));
            if (reply.isPresent()) {
                send(exchange, reply.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Closing an exchange whose response never started closes the connection itself: a dropped connection.
            exchange.close();
        }
    }

    private static ProxiedRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
        AwsCall call = AwsCall.identify(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers, body);
        return new ProxiedRequest(exchange.getRequestMethod(), uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), headers, body, call);
    }

    // HTTP/1.0 over a plain socket keeps the request as sent (Host included, which java.net.http would replace)
    // and makes moto answer without chunking and close the connection when done.
    private ProxyReply forward(ProxiedRequest request) throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            StringBuilder head = new StringBuilder(request.method() + " " + request.pathAndQuery() + " HTTP/1.0\r\n");
            request.headers().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> head.append(name).append(": ").append(value).append("\r\n"));
                }
            });
            head.append("Content-Length: ").append(request.body().length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return parseResponse(socket.getInputStream().readAllBytes());
        }
    }

    private static ProxyReply parseResponse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("moto sent an incomplete response: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return new ProxyReply(status, headers, Arrays.copyOfRange(raw, headEnd + 4, raw.length));
    }

    private static void send(HttpExchange exchange, ProxyReply reply) throws IOException {
        reply.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean empty = reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
        if (!empty) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply.body());
            }
        }
    }
}
