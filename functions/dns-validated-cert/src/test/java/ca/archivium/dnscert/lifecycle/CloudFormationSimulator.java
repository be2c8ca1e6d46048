package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.DnsValidatedCertificates;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.cfn.RetrySchedule;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.ProxiedMoto;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.AwsConformanceLayer;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import ca.archivium.dnscert.waitloop.StepStates;
import ca.archivium.dnscert.waitloop.TaskError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * CloudFormation and Step Functions played locally around the real {@link Lifecycle}: events from {@code events/}
 * are delivered to the resource handler, its answers land in a {@link ResponseSink}, and the wait loop is driven
 * step by step with a {@link ManualClock} that jumps over each wait, AWS's time jumping with it. AWS is moto behind
 * the conformance layer and a {@link FaultProxy}, taken from the test's {@link Emulators}.
 *
 * <p>The emulators keep the SDK system properties applied until the test ends: the engine builds its ACM clients
 * lazily.
 */
public final class CloudFormationSimulator implements AutoCloseable, AfterEachCallback {
    public static final String DOMAIN = "www.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-06-12T09:15:03Z");

    private final FaultProxy proxy;
    private final ServiceClients clients;
    private final ResponseSink sink;
    private final ManualClock clock;
    private final RecordedExecutions waitLoop = new RecordedExecutions();
    private final LogLines logLines = new LogLines();
    private final Lifecycle lifecycle;
    private final MotoPassThrough passThrough;
    private final AwsTestEnvironment direct;
    private final AwsConformanceLayer conformance;
    private final HostedZoneFixture zone;
    private final AcmClient acm;
    private final AcmClient motoAcm;
    private RuntimeException nextReconcileCrash;
    private final java.util.Map<String, Refusal> refusals = new java.util.HashMap<>();

    private CloudFormationSimulator(ProxiedMoto aws, PublicDns publicDns) throws IOException {
        conformance = aws.conformance();
        clock = new ManualClock(START, conformance.time()::elapse);
        direct = aws.direct();
        try (Route53Fixtures route53 = direct.route53Fixtures()) {
            zone = route53.createPublicZone("example.com");
        }
        acm = direct.acm();
        motoAcm = new AwsTestEnvironment(conformance.motoEndpoint()).acm();
        proxy = aws.proxy();
        passThrough = new MotoPassThrough(direct.endpoint());
        clients = new ServiceClients(AwsTestEnvironment.REGION, AwsTestEnvironment.CLIENT_TIMING);
        sink = new ResponseSink(clock);
        JsonLog log = new JsonLog(new PrintStream(logLines, true, StandardCharsets.UTF_8), clock);
        RetrySchedule schedule = RetrySchedule.standard();
        Responder responder = new Responder(new ResponseUrlPolicy("http://127.0.0.1:", "eu-west-1"), schedule,
            wait -> { }, log);
        // The ResponseURL is sealed with a real (moto) KMS key, as the deployed template does.
        ResponseUrlSeal seal = new KmsResponseUrlSeal(clients::kms, createKey(direct));
        // The engine's short waits are skipped, but AWS's time moves on by as much (ACM's delays pass).
        lifecycle = new Lifecycle(new DnsValidatedCertificates(clients, aws.conformance().time()::elapse, publicDns),
            waitLoop, seal, responder, log, clock, new Random(20250612));
    }

    private static String createKey(AwsTestEnvironment aws) {
        try (KmsClient kms = aws.kms()) {
            return kms.createKey(b -> b.description("seals ResponseURLs in tests")).keyMetadata().arn();
        }
    }

    /**
     * A fresh world over the emulators' moto: moto emptied, one public hosted zone {@code example.com}, nothing
     * answered yet. The proxy and the SDK settings are the emulators' until the test (or, from {@code @BeforeAll},
     * the class) ends.
     */
    public static CloudFormationSimulator start(Emulators emulators) {
        return start(emulators, PublicDns.OFF);
    }

    /** The same world, its DNS checks asking {@code publicDns} (a DNS server the test started). */
    public static CloudFormationSimulator start(Emulators emulators, PublicDns publicDns) {
        try {
            return new CloudFormationSimulator(emulators.freshMotoBehindProxy(), publicDns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event in {@code events/<file>}, its ResponseURL pointing at the sink. The signature-bearing query string
     * is kept, as CloudFormation's is.
     */
    public ObjectNode event(String file) {
        ObjectNode event = (ObjectNode) readJson(eventsDirectory().resolve(file));
        event.put("ResponseURL", sink.urlFor(event.path("RequestId").asText()));
        return event;
    }

    /** The repository's {@code events/} directory, found from the working directory (the module under Maven). */
    public static Path eventsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("events/create.json"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/create.json above " + Path.of("").toAbsolutePath());
    }

    /**
     * CloudFormation's rollback of a failed Create, with every fault gone: the Delete of the physical id the Create
     * was answered with, answered at once.
     */
    public ResponseSink.Received rollbackDelete(String physicalId) {
        proxy().clearFaults();
        ObjectNode delete = event("delete.json").put("PhysicalResourceId", physicalId);
        deliver(delete);
        return onlyResponseTo(delete.path("RequestId").asText());
    }

    /** Delivers the event to the resource handler, as Lambda would. */
    public ResourceRequests.Handled deliver(JsonNode event) {
        return lifecycle.requests().handle(event.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Plays the state machine for the execution the handler started, with {@link InProcessStateMachine} (the
     * definition's Retry and Catch): each wait jumps the clock. A Reconcile that throws is caught as the definition's
     * Catch does: the last document goes to Respond with {@code $.error} holding the Lambda error.
     *
     * @return the documents Reconcile returned, in order
     */
    public List<JsonNode> runWaitLoop(String executionName) {
        InProcessStateMachine machine = new InProcessStateMachine(step -> refusedOrRun("Reconcile", step, this::reconcile),
            step -> refusedOrRun("Respond", step, s -> JSON.valueToTree(lifecycle.respond().respond(s))),
            clock::advance, InProcessStateMachine.Observer.SILENT);
        try {
            return machine.run(waitLoop.input(executionName)).steps();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the execution started for this event (the name Step Functions would have been given). */
    public List<JsonNode> runWaitLoopFor(JsonNode event) {
        return runWaitLoop(ExecutionNames.of(ca.archivium.dnscert.cfn.CfnRequest.parse(event)));
    }

    /** The next Reconcile fails with this, as a bug in the step would. */
    public void crashNextReconcileWith(RuntimeException crash) {
        nextReconcileCrash = crash;
    }

    /**
     * The Lambda service refuses the next {@code times} invocations of a Task's function ({@code Reconcile} or
     * {@code Respond}) with this error, as for a SnapStart version gone Inactive: the function does not run.
     */
    public void refuseInvocations(String task, int times, TaskError error) {
        refusals.put(task, new Refusal(times, error));
    }

    private record Refusal(int times, TaskError error) {
    }

    private JsonNode refusedOrRun(String task, JsonNode step, java.util.function.UnaryOperator<JsonNode> function)
        throws TaskError {
        Refusal refusal = refusals.get(task);
        if (refusal != null && refusal.times() > 0) {
            refusals.put(task, new Refusal(refusal.times() - 1, refusal.error()));
            throw refusal.error();
        }
        return function.apply(step);
    }

    private JsonNode reconcile(JsonNode step) {
        RuntimeException crash = nextReconcileCrash;
        nextReconcileCrash = null;
        if (crash != null) {
            throw crash;
        }
        return StepStates.toJson(lifecycle.reconcile().step(StepStates.fromJson(step)));
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public ManualClock clock() {
        return clock;
    }

    public FaultProxy proxy() {
        return proxy;
    }

    /** The conformance layer between the proxy and moto: ACM's delays and the scripts a test sets. */
    public AwsConformanceLayer conformance() {
        return conformance;
    }

    public MotoPassThrough moto() {
        return passThrough;
    }

    public RecordedExecutions waitLoop() {
        return waitLoop;
    }

    public ResponseSink sink() {
        return sink;
    }

    /** The only response sent so far; fails when there were none or several. */
    public ResponseSink.Received onlyResponse() {
        List<ResponseSink.Received> received = sink.received();
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one response to CloudFormation, got " + received.size() + ": "
                + received + "\nlog:\n" + log());
        }
        return received.get(0);
    }

    /** The one response to the request with this id. */
    public ResponseSink.Received onlyResponseTo(String requestId) {
        List<ResponseSink.Received> received = sink.receivedFor(requestId);
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one response to request " + requestId + ", got "
                + received.size() + ": " + received + "\nlog:\n" + log());
        }
        return received.get(0);
    }

    /** The public hosted zone {@code example.com}. */
    public HostedZoneFixture zone() {
        return zone;
    }

    /** Route 53 seen directly, not through the proxy. */
    public Route53Fixtures route53() {
        return direct.route53Fixtures();
    }

    /** AWS seen directly, not through the proxy: set-up and inspection in any account. */
    public AwsTestEnvironment direct() {
        return direct;
    }

    /** ACM seen directly, not through the proxy. */
    /**
     * A certificate requested with ACM directly, as another tool did some time ago: ACM's delays have passed, it
     * knows the certificate and has given its records.
     */
    public String certificateRequestedElsewhere(Consumer<RequestCertificateRequest.Builder> request) {
        String arn = acm.requestCertificate(request).certificateArn();
        conformance.passAcmDelays();
        return arn;
    }

    /** ACM of the test region through the conformance layer, as the code under test sees it. */
    public AcmClient acm() {
        return acm;
    }

    /**
     * ACM of the test region read from moto itself, past the layer: what exists, whatever ACM would answer during
     * its delays. For the test's own bookkeeping (which certificates there are, their tags), not for what the code
     * under test sees.
     */
    public AcmClient motoAcm() {
        return motoAcm;
    }

    /** Every certificate in moto's ACM of the test region, whatever its status or key algorithm. */
    public List<String> certificateArns() {
        return motoAcm.listCertificates(b -> b.includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
            .certificateSummaryList().stream().map(s -> s.certificateArn()).toList();
    }

    /** The certificate's tags, read from moto itself. */
    public java.util.Map<String, String> tagsOf(String arn) {
        java.util.Map<String, String> tags = new java.util.TreeMap<>();
        motoAcm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** Everything the lifecycle logged. */
    public String log() {
        return logLines.toString(StandardCharsets.UTF_8);
    }

    /** How much has been logged, in bytes: where {@link #logSince} starts. */
    public int logLength() {
        return logLines.size();
    }

    /** What was logged after the first {@code bytes} bytes, without decoding all that came before. */
    public String logSince(int bytes) {
        return logLines.since(bytes);
    }

    /** The lifecycle's log lines, readable from an offset. */
    private static final class LogLines extends ByteArrayOutputStream {
        synchronized String since(int offset) {
            int from = Math.min(offset, count);
            return new String(buf, from, count - from, StandardCharsets.UTF_8);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** As a test's {@code @RegisterExtension} field: closed after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        sink.close();
        clients.close();
        acm.close();
        motoAcm.close();
    }
}
