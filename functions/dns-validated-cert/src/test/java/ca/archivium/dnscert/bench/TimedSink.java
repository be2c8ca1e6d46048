package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * CloudFormation's ResponseURL for the benchmark: keeps every answer PUT to it, per request id, with the moment it
 * arrived ({@link System#nanoTime()}), which is where the time-to-response figures stop the clock.
 */
final class TimedSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the response document and when it arrived. */
    record Answer(JsonNode body, long arrivedNanos) {
        String status() {
            return body.path("Status").asText();
        }

        String physicalResourceId() {
            return body.path("PhysicalResourceId").asText();
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> answerCounts = new ConcurrentHashMap<>();

    TimedSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::record);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "timed-sink");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** A ResponseURL for one request, with a query string in the shape of a pre-signed one. */
    String urlFor(String requestId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + requestId
            + "?X-Amz-Signature=benchmark";
    }

    Optional<Answer> answerTo(String requestId) {
        return Optional.ofNullable(answers.get(requestId));
    }

    /** How many answers the request got: CloudFormation wants exactly one. */
    int answerCount(String requestId) {
        return answerCounts.getOrDefault(requestId, 0);
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            String requestId = path.substring(path.lastIndexOf('/') + 1);
            answers.put(requestId, new Answer(JSON.readTree(exchange.getRequestBody()), arrived));
            answerCounts.merge(requestId, 1, Integer::sum);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
