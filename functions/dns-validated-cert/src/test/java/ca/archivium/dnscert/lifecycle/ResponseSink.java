package ca.archivium.dnscert.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for CloudFormation's pre-signed S3 ResponseURL: a local HTTP server on 127.0.0.1 that accepts every PUT
 * and keeps its body, parsed as JSON, in order of arrival.
 */
public final class ResponseSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One PUT: the path it went to (one per request) and the response document. */
    public record Received(String path, JsonNode body) {
        public String status() {
            return body.path("Status").asText();
        }

        public String physicalResourceId() {
            return body.path("PhysicalResourceId").asText();
        }

        public String reason() {
            return body.path("Reason").asText("");
        }

        public JsonNode data() {
            return body.path("Data");
        }
    }

    private final Clock clock;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger refusalsLeft = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int refusalStatus = 503;

    /** @param clock when each URL is signed: {@link #urlFor} stamps its X-Amz-Date with the clock's time */
    public ResponseSink(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::record);
        server.start();
    }

    /**
     * A URL in the shape of CloudFormation's: one path per request, and a query string that carries a signature, so
     * tests can check it never reaches the log, signed now (X-Amz-Date, by the sink's clock) for two hours as
     * CloudFormation's are: the resource counts its deadline from that date.
     */
    public String urlFor(String requestId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/cloudformation-response/" + requestId
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + AMZ_DATE.format(clock.instant()) + "&X-Amz-Expires=7200"
            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIGNATURE;
    }

    /** The signature every sink URL carries: it must never appear in a log line. */
    public static final String SIGNATURE = "5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e7aaaa";

    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * The next {@code count} PUTs are answered with {@code status} and not kept, as S3 does when it has a bad
     * moment; later ones are accepted again.
     */
    public void refuseNext(int count, int status) {
        refusalStatus = status;
        refusalsLeft.set(count);
    }

    /** Every PUT that reached the sink, refused ones included. */
    public int attempts() {
        return attempts.get();
    }

    /** The responses sent for one request. */
    public List<Received> receivedFor(String requestId) {
        return received.stream().filter(r -> r.path().endsWith("/" + requestId)).toList();
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"PUT".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            attempts.incrementAndGet();
            if (refusalsLeft.getAndUpdate(left -> Math.max(left - 1, 0)) > 0) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(refusalStatus, -1);
                return;
            }
            received.add(new Received(exchange.getRequestURI().getPath(), JSON.readTree(exchange.getRequestBody())));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
