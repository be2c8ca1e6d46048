package ca.archivium.dnscert.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lambda.runtime.SamTemplate.SamFunction;
import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.InProcessStateMachine;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.MotoServer;
import ca.archivium.dnscert.testing.Route53Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The three functions run as AWS Lambda runs them: each in a JVM of its own under AWS's Java runtime interface client,
 * loaded from the layout {@code sam build} produces (the Maven profile {@code integration} builds it in
 * {@code target/lambda}, see the pom), with the handler strings and environment variables of {@code template.yaml},
 * talking to a {@link RuntimeApiStandIn} as they would to Lambda's Runtime API. AWS behind them is moto; the state
 * machine is created in moto's Step Functions from {@code statemachine/wait-loop.asl.json}, and since moto does not
 * run the Lambda tasks, the test reads each execution's input back and plays the definition with
 * {@link InProcessStateMachine}, whose Reconcile and Respond tasks are invocations of the Reconcile and Respond
 * environments. CloudFormation's part is played with the events in {@code events/} and a {@link ResponseSink}.
 */
@IntegrationTest
class LambdaRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** moto issues a certificate this long after it was requested: a few turns of the wait loop. */
    private static final int ISSUE_AFTER_SECONDS = 2;
    /** Each Wait of the loop, shortened: the definition waits seconds, moto issues in {@value #ISSUE_AFTER_SECONDS}. */
    private static final Duration WAIT_CAP = Duration.ofMillis(100);
    private static final Duration INIT_LIMIT = Duration.ofSeconds(40);
    private static final String STACK = "dns-validated-cert";
    private static final String ACCOUNT = AwsTestEnvironment.DEFAULT_ACCOUNT;
    private static final String REGION = AwsTestEnvironment.REGION.id();
    private static final List<String> FUNCTIONS = List.of("ResourceHandlerFunction", "ReconcileFunction",
        "RespondFunction");

    @Test
    void createWaitLoopUpdateAndDeleteRunInTheLambdaJavaRuntimeFromTheSamBuildLayout() throws Exception {
        Instant testStart = Instant.now();
        Path target = Path.of("target").toAbsolutePath();
        Path taskRoot = target.resolve("lambda");
        Path runtimeDirectory = target.resolve("lambda-runtime");
        assertSamBuildLayout(taskRoot, runtimeDirectory);
        Path repository = CloudFormationSimulator.eventsDirectory().getParent();

        MotoServer moto = MotoServer.shared(ISSUE_AFTER_SECONDS);
        moto.reset();
        AwsTestEnvironment aws = new AwsTestEnvironment(moto.endpoint());
        try (Route53Fixtures route53 = aws.route53Fixtures()) {
            route53.createPublicZone("example.com");
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String function : FUNCTIONS) {
            names.put(function, STACK + "-" + function + "-Xq2LmN4pR8s");
            aliases.put(function, "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + names.get(function)
                + ":live");
        }
        SamTemplate template = SamTemplate.read(repository.resolve("template.yaml")).resolving(Map.of(
            "AWS::StackName", STACK, "AWS::Region", REGION, "AWS::AccountId", ACCOUNT, "AWS::Partition", "aws",
            "ReconcileFunction.Alias", aliases.get("ReconcileFunction"),
            "RespondFunction.Alias", aliases.get("RespondFunction")));

        List<ExecutionEnvironment> environments = new ArrayList<>();
        Timings timings = new Timings(testStart);
        try (ResponseSink sink = new ResponseSink(); SfnClient sfn = aws.sfn(); AcmClient acm = aws.acm()) {
            String stateMachineArn = sfn.createStateMachine(b -> b.name(STACK + "-WaitLoop")
                .definition(template.stateMachineDefinition("WaitLoopStateMachine"))
                .roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + STACK + "-WaitLoopStateMachineRole")).stateMachineArn();
            SamTemplate deployed = template.resolving(Map.of(
                "WaitLoopStateMachine", stateMachineArn, "ResponseUrlKey.Arn", createKey(aws)));
            try {
                for (String function : FUNCTIONS) {
                    environments.add(ExecutionEnvironment.start(deployed.function(function), names.get(function),
                        aliases.get(function), taskRoot, runtimeDirectory, target.resolve("lambda-runtime-logs"),
                        aws.environmentVariables(),
                        // The template allows only https to amazonaws.com; the sink is on 127.0.0.1.
                        Map.of("RESPONSE_URL_ALLOWED_PREFIXES", "http://127.0.0.1:")));
                }
                for (ExecutionEnvironment environment : environments) {
                    environment.awaitInit(INIT_LIMIT);
                }
                timings.mark("init (3 JVMs)");
                ExecutionEnvironment resourceHandler = environments.get(0);
                ExecutionEnvironment reconcile = environments.get(1);
                ExecutionEnvironment respond = environments.get(2);
                Map<ExecutionEnvironment, Long> pids = new LinkedHashMap<>();
                environments.forEach(environment -> pids.put(environment, environment.pid()));
                WaitLoopPlayer waitLoop = new WaitLoopPlayer(sfn, stateMachineArn,
                    new InProcessStateMachine(reconcile::call, respond::call, LambdaRuntimeTest::briefly,
                        InProcessStateMachine.Observer.SILENT));

                ObjectNode create = event(repository, "create.json", sink);
                assertAnswered(resourceHandler.invoke(bytes(create)), "Create");
                int createSteps = waitLoop.playNewExecutions("Create");
                ResponseSink.Received created = onlyResponse(sink, create);
                String arn = created.physicalResourceId();
                assertThat(created.status()).as("Create's answer: %s", created.body()).isEqualTo("SUCCESS");
                assertThat(arn).as("Create's physical id").startsWith("arn:aws:acm:" + REGION + ":" + ACCOUNT
                    + ":certificate/");
                assertThat(created.data().path("Arn").asText()).as("Create's Data.Arn").isEqualTo(arn);
                assertThat(created.data().path("Status").asText()).as("Create's Data.Status").isEqualTo("ISSUED");
                assertThat(createSteps).as("Reconcile steps until moto issued the certificate").isGreaterThan(1);
                timings.mark("create + wait loop (" + createSteps + " steps)");

                ObjectNode update = event(repository, "update-tags.json", sink).put("PhysicalResourceId", arn);
                assertAnswered(resourceHandler.invoke(bytes(update)), "Update");
                waitLoop.playNewExecutions("Update");
                ResponseSink.Received updated = onlyResponse(sink, update);
                assertThat(updated.status()).as("Update's answer: %s", updated.body()).isEqualTo("SUCCESS");
                assertThat(updated.physicalResourceId()).as("a tags-only Update keeps the certificate").isEqualTo(arn);
                assertThat(updated.data().path("Arn").asText()).as("Update's Data.Arn").isEqualTo(arn);
                assertThat(updated.data().path("Status").asText()).as("Update's Data.Status").isEqualTo("ISSUED");
                assertThat(tags(acm, arn)).as("the certificate's tags after the Update")
                    .containsEntry("team", "platform").containsEntry("cost-centre", "cc-1234");
                timings.mark("update");

                ObjectNode delete = event(repository, "delete.json", sink).put("PhysicalResourceId", arn);
                assertAnswered(resourceHandler.invoke(bytes(delete)), "Delete");
                waitLoop.playNewExecutions("Delete");
                ResponseSink.Received deleted = onlyResponse(sink, delete);
                assertThat(deleted.status()).as("Delete's answer: %s", deleted.body()).isEqualTo("SUCCESS");
                assertThat(deleted.physicalResourceId()).as("Delete's physical id").isEqualTo(arn);
                assertThat(acm.listCertificates().certificateSummaryList()).as("ACM after the Delete").isEmpty();
                timings.mark("delete");

                assertThat(sink.received()).as("responses to CloudFormation: one per request").hasSize(3);
                for (ExecutionEnvironment environment : environments) {
                    assertWarmContainer(environment, pids.get(environment));
                    assertLogLinesAreJson(environment);
                }
                assertThat(resourceHandler.runtimeApi().served()).as("resource handler invocations").isEqualTo(3);
                assertThat(reconcile.runtimeApi().served()).as("Reconcile invocations").isGreaterThanOrEqualTo(
                    createSteps);
                assertThat(respond.runtimeApi().served()).as("Respond invocations").isGreaterThanOrEqualTo(1);
                System.out.println(timings.report(environments, waitLoop.executionsPlayed()));
            } finally {
                environments.forEach(ExecutionEnvironment::close);
            }
        }
        assertThat(environments).as("function JVMs left running").noneMatch(ExecutionEnvironment::isRunning);
    }

    /**
     * The function folder as sam build leaves it: the handler classes at the root, the runtime-scope jars in
     * {@code lib/}, and not the runtime client, which in AWS comes with the managed runtime.
     */
    private static void assertSamBuildLayout(Path taskRoot, Path runtimeDirectory) throws IOException {
        assertThat(taskRoot.resolve("ca/archivium/dnscert/lambda/ResourceHandler.class"))
            .as("the classes at the root of %s (mvn -Pintegration package builds it)", taskRoot).isRegularFile();
        assertThat(taskRoot.resolve("lib")).as("the dependency jars of %s", taskRoot).isDirectory();
        try (Stream<Path> lib = Files.list(taskRoot.resolve("lib"))) {
            List<String> jars = lib.map(jar -> jar.getFileName().toString()).sorted().toList();
            assertThat(jars).as("the function's lib/").anyMatch(jar -> jar.startsWith("acm-"))
                .anyMatch(jar -> jar.startsWith("jackson-databind-"))
                .noneMatch(jar -> jar.startsWith("aws-lambda-java-runtime-interface-client"))
                .noneMatch(jar -> jar.startsWith("junit") || jar.startsWith("assertj"));
        }
        assertThat(runtimeDirectory.resolve("jni")).as("the runtime client's JNI libraries").isDirectory();
    }

    private static void assertAnswered(InvocationOutcome outcome, String request) {
        assertThat(outcome.failed()).as("the resource handler's invocation for the %s: %s", request, outcome)
            .isFalse();
    }

    private static void assertWarmContainer(ExecutionEnvironment environment, long pid) {
        String name = environment.function().logicalId();
        RuntimeApiStandIn api = environment.runtimeApi();
        assertThat(environment.isRunning()).as("%s's JVM still runs after serving", name).isTrue();
        assertThat(environment.pid()).as("%s was started once", name).isEqualTo(pid);
        assertThat(api.initError()).as("%s's init error", name).isEmpty();
        assertThat(api.unexpected()).as("calls %s made that the Runtime API stand-in does not know", name).isEmpty();
        assertThat(api.served()).as("%s's invocations", name).isGreaterThanOrEqualTo(1);
        assertThat(api.nextRequests()).as("%s asks for the next invocation after each one, in one process", name)
            .isEqualTo(api.served() + 1);
    }

    /** Rule 10 as CloudWatch would see it: every line the function wrote is one JSON object, without the URL. */
    private static void assertLogLinesAreJson(ExecutionEnvironment environment) {
        String name = environment.function().logicalId();
        List<String> lines = environment.stdoutLines().stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("%s's stdout", name).isNotEmpty();
        for (String line : lines) {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(name + " wrote a line to stdout that is not JSON: " + line, e);
            }
            assertThat(parsed.isObject()).as("%s's log line is a JSON object: %s", name, line).isTrue();
            assertThat(line).as("%s's log line", name).doesNotContain(ResponseSink.SIGNATURE);
        }
        assertThat(environment.stderrLines()).as("%s's stderr", name).isEmpty();
    }

    private static ObjectNode event(Path repository, String file, ResponseSink sink) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(repository.resolve("events").resolve(file).toFile());
        event.put("ResponseURL", sink.urlFor(event.path("RequestId").asText()));
        return event;
    }

    private static ResponseSink.Received onlyResponse(ResponseSink sink, JsonNode event) {
        String requestId = event.path("RequestId").asText();
        List<ResponseSink.Received> received = sink.receivedFor(requestId);
        assertThat(received).as("responses to the %s (request %s)", event.path("RequestType").asText(), requestId)
            .hasSize(1);
        return received.get(0);
    }

    private static Map<String, String> tags(AcmClient acm, String arn) {
        Map<String, String> tags = new TreeMap<>();
        acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static String createKey(AwsTestEnvironment aws) {
        try (KmsClient kms = KmsClient.builder().endpointOverride(aws.endpoint()).region(AwsTestEnvironment.REGION)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
            return kms.createKey(b -> b.description(STACK + " ResponseUrlKey")).keyMetadata().arn();
        }
    }

    private static byte[] bytes(JsonNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The Wait states, for real but short: moto's clock runs in real time. */
    private static void briefly(Duration wait) throws InterruptedException {
        Thread.sleep(Math.min(wait.toMillis(), WAIT_CAP.toMillis()));
    }

    /**
     * Step Functions' part: the executions the resource handler started in moto, each played once from its input.
     */
    private static final class WaitLoopPlayer {
        private final SfnClient sfn;
        private final String stateMachineArn;
        private final InProcessStateMachine machine;
        private final Set<String> played = new HashSet<>();

        WaitLoopPlayer(SfnClient sfn, String stateMachineArn, InProcessStateMachine machine) {
            this.sfn = sfn;
            this.stateMachineArn = stateMachineArn;
            this.machine = machine;
        }

        /** Plays every execution not played yet; the Reconcile steps they took. */
        int playNewExecutions(String request) throws InterruptedException, IOException {
            int steps = 0;
            for (ExecutionListItem execution : sfn.listExecutions(b -> b.stateMachineArn(stateMachineArn))
                .executions()) {
                if (played.add(execution.executionArn())) {
                    String input = sfn.describeExecution(b -> b.executionArn(execution.executionArn())).input();
                    InProcessStateMachine.Execution run = machine.run(JSON.readTree(input));
                    assertThat(run.succeeded()).as("the %s's wait loop %s delivered its answer: %s", request,
                        execution.name(), run.notDelivered()).isTrue();
                    steps += run.steps().size();
                }
            }
            return steps;
        }

        int executionsPlayed() {
            return played.size();
        }
    }

    /** How long each part took, for the report the test prints. */
    private static final class Timings {
        private final Instant start;
        private Instant last;
        private final Map<String, Duration> parts = new LinkedHashMap<>();

        Timings(Instant start) {
            this.start = start;
            this.last = start;
        }

        void mark(String part) {
            Instant now = Instant.now();
            parts.put(part, Duration.between(last, now));
            last = now;
        }

        String report(List<ExecutionEnvironment> environments, int executions) {
            StringBuilder out = new StringBuilder("LambdaRuntimeTest timings: total ")
                .append(Duration.between(start, Instant.now()).toMillis()).append(" ms;");
            parts.forEach((part, took) -> out.append(' ').append(part).append(' ').append(took.toMillis())
                .append(" ms;"));
            for (ExecutionEnvironment environment : environments) {
                out.append(' ').append(environment.function().logicalId()).append(": init ")
                    .append(environment.initDuration().toMillis()).append(" ms, ")
                    .append(environment.runtimeApi().served()).append(" invocations;");
            }
            return out.append(' ').append(executions).append(" wait-loop executions").toString();
        }
    }
}
