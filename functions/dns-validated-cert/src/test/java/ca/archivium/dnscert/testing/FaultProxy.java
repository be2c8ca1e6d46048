package ca.archivium.dnscert.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            ProxiedRequest request = HttpRelay.read(exchange);
            callLog.add(request.call());
            Optional<FaultRule> rule = rules.stream().filter(candidate -> candidate.claim(request)).findFirst();
            Optional<ProxyReply> reply = rule.isPresent()
                    ? rule.get().fault().answer(request, this::forward)
                    : Optional.of(forward(request));
            if (reply.isPresent()) {
                HttpRelay.send(exchange, reply.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Closing an exchange whose response never started closes the connection itself: a dropped connection.
            exchange.close();
        }
    }

    private ProxyReply forward(ProxiedRequest request) throws IOException {
        return HttpRelay.forward(target, request);
    }
}
