package ca.archivium.dnscert.lambda.runtime;

import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The stack of {@code template.yaml} "deployed" on this machine: moto as AWS (a public hosted zone
 * {@code example.com}, the ResponseURL key in KMS, the wait-loop state machine created in Step Functions from
 * {@code statemachine/wait-loop.asl.json} with its DefinitionSubstitutions), and the three functions (and, when a
 * test asks, the renewal guardian) each in an
 * {@link ExecutionEnvironment} started from the sam build layout with the template's handler and environment.
 * CloudFormation's part is the repository's {@code events/} and a {@link ResponseSink}. moto records the executions
 * the resource handler starts but does not run them: {@link #newExecutionInputs()} reads their input back for the
 * test to play.
 */
final class DeployedFunctions implements AutoCloseable {
    static final String STACK = "dns-validated-cert";
    static final String ACCOUNT = AwsTestEnvironment.DEFAULT_ACCOUNT;
    static final String REGION = AwsTestEnvironment.REGION.id();
    private static final List<String> FUNCTIONS = List.of("ResourceHandlerFunction", "ReconcileFunction",
        "RespondFunction");
    /** The renewal guardian, deployed beside the three when a test asks for it. */
    static final String GUARDIAN = "RenewalGuardianFunction";
    private static final Duration INIT_LIMIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repository;
    private final ResponseSink sink;
    private final SfnClient sfn;
    private final AwsTestEnvironment aws;
    private final AcmClient acm;
    private final String stateMachineArn;
    private final List<ExecutionEnvironment> environments = new ArrayList<>();
    private final Set<String> executionsRead = new HashSet<>();

    private DeployedFunctions(Path repository, AwsTestEnvironment aws, ResponseSink sink, String label,
                              List<String> functions) {
        this.repository = repository;
        this.sink = sink;
        this.aws = aws;
        this.sfn = aws.sfn();
        this.acm = aws.acm();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String function : functions) {
            names.put(function, STACK + "-" + function + "-Xq2LmN4pR8s");
            aliases.put(function, "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + names.get(function)
                + ":live");
        }
        SamTemplate template = SamTemplate.read(repository.resolve("template.yaml")).resolving(Map.of(
            "AWS::StackName", STACK, "AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws",
            "ReconcileFunction.Alias", aliases.get("ReconcileFunction"),
            "RespondFunction.Alias", aliases.get("RespondFunction")));
        stateMachineArn = sfn.createStateMachine(b -> b.name(STACK + "-WaitLoop")
            .definition(template.stateMachineDefinition("WaitLoopStateMachine"))
            .roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + STACK + "-WaitLoopStateMachineRole")).stateMachineArn();
        SamTemplate deployed = template.resolving(Map.of(
            "WaitLoopStateMachine", stateMachineArn, "ResponseUrlKey.Arn", createKey(aws)));
        Path target = Path.of("target").toAbsolutePath();
        try {
            for (String function : functions) {
                environments.add(ExecutionEnvironment.start(deployed.function(function), names.get(function),
                    aliases.get(function), target.resolve("lambda"), target.resolve("lambda-runtime"),
                    target.resolve("lambda-runtime-logs").resolve(label), roleCredentials(aws),
                    // The template allows only https to amazonaws.com; the sink is on 127.0.0.1.
                    Map.of("RESPONSE_URL_ALLOWED_PREFIXES", "http://127.0.0.1:")));
            }
            for (ExecutionEnvironment environment : environments) {
                environment.awaitInit(INIT_LIMIT);
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            closeEnvironments();
            sfn.close();
            acm.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the functions did not start", e);
        }
    }

    /**
     * The emulators' moto wiped (it issues certificates as many seconds after they are requested as it was built
     * with) and the functions started, their init done; their stdout and stderr go to {@code target/lambda-runtime-logs/<label>/}.
     * Whatever fails on the way stops what was started.
     */
    static DeployedFunctions deploy(Emulators emulators, String label) throws IOException {
        return deploy(emulators, label, FUNCTIONS);
    }

    /** As {@link #deploy(Emulators, String)}, with the renewal guardian too ({@link #guardian()}). */
    static DeployedFunctions deployWithGuardian(Emulators emulators, String label) throws IOException {
        List<String> functions = new ArrayList<>(FUNCTIONS);
        functions.add(GUARDIAN);
        return deploy(emulators, label, functions);
    }

    private static DeployedFunctions deploy(Emulators emulators, String label, List<String> functions)
        throws IOException {
        Path repository = CloudFormationSimulator.eventsDirectory().getParent();
        AwsTestEnvironment aws = emulators.freshMoto();
        try (Route53Fixtures route53 = aws.route53Fixtures()) {
            route53.createPublicZone("example.com");
        }
        ResponseSink sink = new ResponseSink(Clock.systemUTC());
        DeployedFunctions deployed = null;
        try {
            deployed = new DeployedFunctions(repository, aws, sink, label, functions);
            return deployed;
        } finally {
            if (deployed == null) {
                sink.close();
            }
        }
    }

    ExecutionEnvironment resourceHandler() {
        return environments.get(0);
    }

    ExecutionEnvironment reconcile() {
        return environments.get(1);
    }

    ExecutionEnvironment respond() {
        return environments.get(2);
    }

    /** The renewal guardian's environment, when deployed with it. */
    ExecutionEnvironment guardian() {
        return environments.get(FUNCTIONS.size());
    }

    /** Route 53 of the test account, for set-up and inspection. */
    Route53Fixtures route53() {
        return aws.route53Fixtures();
    }

    List<ExecutionEnvironment> environments() {
        return List.copyOf(environments);
    }

    ResponseSink sink() {
        return sink;
    }

    AcmClient acm() {
        return acm;
    }

    /** The state machine's definition played with Reconcile and Respond invoked in their environments. */
    InProcessStateMachine stateMachine(InProcessStateMachine.Observer observer, Duration waitCap) {
        return new InProcessStateMachine(reconcile()::call, respond()::call,
            wait -> Thread.sleep(Math.min(wait.toMillis(), waitCap.toMillis())), observer);
    }

    /** The file {@code events/<file>} as it is, such as the guardian's scheduled event. */
    byte[] eventFile(String file) throws IOException {
        return java.nio.file.Files.readAllBytes(repository.resolve("events").resolve(file));
    }

    /** The event in {@code events/<file>}, its ResponseURL pointing at the sink. */
    ObjectNode event(String file) {
        return event(file, null);
    }

    /**
     * The event in {@code events/<file>} with another RequestId (null: the file's), as CloudFormation gives every
     * request its own; the ResponseURL points at the sink.
     */
    ObjectNode event(String file, String requestId) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(repository.resolve("events").resolve(file).toFile());
            if (requestId != null) {
                event.put("RequestId", requestId);
            }
            event.put("ResponseURL", sink.urlFor(event.path("RequestId").asText()));
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CloudFormation's invocation of the ServiceToken with this event. */
    InvocationOutcome deliver(JsonNode event) throws InterruptedException {
        return resourceHandler().invoke(event.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The input of every execution started in moto since the last call, in the order moto lists them. */
    List<JsonNode> newExecutionInputs() throws IOException {
        List<JsonNode> inputs = new ArrayList<>();
        for (ExecutionListItem execution : sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn)).executions()) {
            if (executionsRead.add(execution.executionArn())) {
                inputs.add(JSON.readTree(sfn.describeExecution(b -> b.executionArn(execution.executionArn())).input()));
            }
        }
        return inputs;
    }

    /** The one response CloudFormation got for this event's request; fails when there were none or several. */
    ResponseSink.Received onlyResponseTo(JsonNode event) {
        String requestId = event.path("RequestId").asText();
        List<ResponseSink.Received> received = sink.receivedFor(requestId);
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one response to the " + event.path("RequestType").asText()
                + " (request " + requestId + "), got " + received.size() + ": " + received);
        }
        return received.get(0);
    }

    /**
     * Region and credentials as Lambda gives a function its execution role's: temporary ones, with a session token
     * (moto takes any); and the endpoint, which only the test sets.
     */
    private static Map<String, String> roleCredentials(AwsTestEnvironment aws) {
        Map<String, String> environment = new LinkedHashMap<>(aws.environmentVariables());
        environment.put("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEXAMPLEsessiontoken");
        return environment;
    }

    private static String createKey(AwsTestEnvironment aws) {
        try (KmsClient kms = aws.kms()) {
            return kms.createKey(b -> b.description(STACK + " ResponseUrlKey")).keyMetadata().arn();
        }
    }

    private void closeEnvironments() {
        RuntimeException first = null;
        for (ExecutionEnvironment environment : environments) {
            try {
                environment.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stops every function JVM, whatever happened. */
    @Override
    public void close() {
        try {
            closeEnvironments();
        } finally {
            sink.close();
            sfn.close();
            acm.close();
        }
    }
}
