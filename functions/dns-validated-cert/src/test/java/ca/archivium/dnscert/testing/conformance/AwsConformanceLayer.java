package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.HttpRelay;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes moto behave as AWS does: an HTTP server in front of moto that every request of the product and the tests
 * goes through ({@code FaultProxy} → this layer → moto).
 *
 * <ol>
 *   <li>Every request is checked as AWS checks it, against the service's published model ({@link ServiceModels}):
 *       required members, lengths, ranges, enums, patterns, nested structures, in whatever part of the request the
 *       protocol carries them. One that fails is answered as AWS answers it ({@link AwsError}), never reaches moto,
 *       and is logged ({@link #refusals()}, and one JSON line per refusal in the log file).</li>
 *   <li>Answers are reshaped where AWS answers differently from moto ({@link AcmConformance},
 *       {@link Route53Conformance}), with AWS's delays on the layer's clock ({@link AwsTime},
 *       {@link ConformanceTiming}).</li>
 * </ol>
 * {@code /moto-api/*} passes through unchanged; moto's reset ({@code /moto-api/reset}) also clears what the layer
 * remembers and scripts, and puts its timing back to the default.
 */
public final class AwsConformanceLayer implements AutoCloseable {
    private final URI moto;
    private final ServiceModels models;
    private final ConformanceTiming defaultTiming;
    private final Optional<Path> refusalLog;
    private final HttpServer server;
    private final ExecutorService workers;
    private final AwsTime time = new AwsTime();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final AcmConformance acm;
    private volatile ConformanceTiming timing;
    private volatile String scope;

    private AwsConformanceLayer(URI moto, ServiceModels models, ConformanceTiming defaultTiming, Optional<Path> refusalLog,
                                String scope) throws IOException {
        this.moto = moto;
        this.models = models;
        this.defaultTiming = defaultTiming;
        this.timing = defaultTiming;
        this.refusalLog = refusalLog;
        this.scope = scope;
        this.acm = new AcmConformance(models.forSigningName("acm").orElseThrow(), time, () -> timing);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per request: a test's delayed answer (a FaultProxy rule) must not hold up the others.
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aws-conformance-layer");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * Starts the layer on a free port of 127.0.0.1 in front of {@code moto}.
     *
     * @param refusalLog where each refusal is appended as a JSON line, if anywhere
     * @param scope      what the layer serves, until a test names itself ({@link #scope(String)})
     */
    public static AwsConformanceLayer start(URI moto, ServiceModels models, ConformanceTiming timing,
                                            Optional<Path> refusalLog, String scope) {
        try {
            return new AwsConformanceLayer(moto, models, timing, refusalLog, scope);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the AWS conformance layer in front of " + moto, e);
        }
    }

    /** Where clients send their requests. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** moto itself, behind the layer. */
    public URI motoEndpoint() {
        return moto;
    }

    /** ACM's delays and the scripts a test can set (failed requests, quotas, certificates in use, renewals). */
    public AcmConformance acm() {
        return acm;
    }

    /** The emulated AWS's clock, which a test that skips waits moves on. */
    public AwsTime time() {
        return time;
    }

    /** ACM's delays from now until the next reset. */
    public void timing(ConformanceTiming timing) {
        this.timing = timing;
    }

    /** ACM's delays in force. */
    public ConformanceTiming timing() {
        return timing;
    }

    /** Names the test now running, for the refusals it causes. */
    public void scope(String scope) {
        this.scope = scope;
    }

    /** Every request refused so far, in order. */
    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Forgets what was requested and scripted, and puts the timing back to the default; moto's reset does it too. */
    public void reset() {
        acm.reset();
        timing = defaultTiming;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ProxiedRequest request = HttpRelay.read(exchange);
            HttpRelay.send(exchange, answer(request));
        }
    }

    private ProxyReply answer(ProxiedRequest request) throws IOException {
        if (request.pathAndQuery().startsWith("/moto-api/")) {
            if (request.pathAndQuery().startsWith("/moto-api/reset")) {
                reset();
            }
            return HttpRelay.forward(moto, request);
        }
        Optional<ModelledRequest> modelled = ModelledRequest.read(models, request);
        if (modelled.isEmpty()) {
            return HttpRelay.forward(moto, request);
        }
        ModelledRequest call = modelled.get();
        if (call.refusal().isPresent()) {
            AwsError error = call.refusal().get();
            refuse(new Refusal(scope, call.model().serviceId(), call.operationName(), error.code(), error.message()));
            return error.reply();
        }
        return switch (call.model().signingName()) {
            case "acm" -> acm.handle(call, request, forwarded -> HttpRelay.forward(moto, forwarded));
            case "route53" -> call.operationName().equals("ListHostedZonesByName")
                ? Route53Conformance.listHostedZonesByName(call, request, forwarded -> HttpRelay.forward(moto, forwarded))
                : Route53Conformance.reshape(call.operationName(),
                    HttpRelay.forward(moto, Route53Conformance.request(call.operationName(), request)));
            default -> HttpRelay.forward(moto, request);
        };
    }

    private void refuse(Refusal refusal) {
        refusals.add(refusal);
        refusalLog.ifPresent(log -> {
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
                Files.writeString(log, refusal.logLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the refusal log " + log, e);
            }
        });
    }

    /**
     * Moves AWS's clock past ACM's delays: every certificate requested so far is known and has all its records. For
     * a test whose set-up stands for what happened earlier ("a certificate requested elsewhere"), not for what the
     * code under test waits for.
     */
    public void passAcmDelays() {
        time.elapse(timing.lastRecordAfter());
    }
}
