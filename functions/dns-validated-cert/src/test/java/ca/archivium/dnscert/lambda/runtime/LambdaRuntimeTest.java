package ca.archivium.dnscert.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The functions run as AWS Lambda runs them: each in a JVM of its own under AWS's Java runtime interface client,
 * loaded from the layout {@code sam build} produces (the Maven profile {@code integration} builds it in
 * {@code target/lambda}, see the pom), with the handler strings and environment variables of {@code template.yaml},
 * talking to a {@link RuntimeApiStandIn} as they would to Lambda's Runtime API ({@link DeployedFunctions}). Step
 * Functions' part is played with {@link InProcessStateMachine} over the executions the resource handler started in
 * moto, its Reconcile and Respond tasks invocations of the Reconcile and Respond environments.
 *
 * <p>The life of one resource: Create (the wait loop until moto issues), the renewal guardian's daily run writing
 * back a validation record deleted behind the product's back, an Update of tags (in place), an Update of
 * the names (a new certificate, another wait loop), CloudFormation's Delete of the replaced certificate, and the
 * Delete; then a Create whose Reconcile throws, and its rollback Delete. Each request is answered once, every JVM
 * serves them all warm, and every line the functions write is JSON.
 */
@IntegrationTest
class LambdaRuntimeTest {
    /**
     * moto issues a certificate three seconds after it was requested: the handler spends a second or two of it
     * polling for the validation records (ACM's delays), the rest is a few turns of the wait loop.
     */
    @RegisterExtension
    static final Emulators ISSUING_AFTER_THREE_SECONDS = Emulators.moto(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each Wait of the loop, for real but short: the definition waits seconds, moto issues in three. */
    private static final Duration WAIT_CAP = Duration.ofMillis(100);

    @BeforeAll
    static void theSamBuildLayoutIsThere() throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path taskRoot = target.resolve("lambda");
        assertThat(taskRoot.resolve("ca/archivium/dnscert/lambda/ResourceHandler.class"))
            .as("the classes at the root of %s (mvn -Pintegration package lays it out)", taskRoot).isRegularFile();
        assertThat(taskRoot.resolve("lib")).as("the dependency jars of %s", taskRoot).isDirectory();
        try (Stream<Path> lib = Files.list(taskRoot.resolve("lib"))) {
            List<String> jars = lib.map(jar -> jar.getFileName().toString()).sorted().toList();
            // the runtime client comes with AWS's managed runtime, not with the function
            assertThat(jars).as("the function's lib/").anyMatch(jar -> jar.startsWith("acm-"))
                .anyMatch(jar -> jar.startsWith("jackson-databind-"))
                .noneMatch(jar -> jar.startsWith("aws-lambda-java-runtime-interface-client"))
                .noneMatch(jar -> jar.startsWith("junit") || jar.startsWith("assertj"));
        }
        assertThat(target.resolve("lambda-runtime/jni")).as("the runtime client's JNI libraries").isDirectory();
    }

    @Test
    void createWaitLoopUpdateAndDeleteRunInTheLambdaJavaRuntimeFromTheSamBuildLayout() throws Exception {
        Timings timings = new Timings();
        List<ExecutionEnvironment> environments;
        try (DeployedFunctions stack = DeployedFunctions.deployWithGuardian(ISSUING_AFTER_THREE_SECONDS, "lifecycle")) {
            environments = stack.environments();
            timings.mark("moto, state machine and the four JVMs' init");
            InProcessStateMachine waitLoop = stack.stateMachine(InProcessStateMachine.Observer.SILENT, WAIT_CAP);

            ObjectNode create = stack.event("create.json");
            deliver(stack, create, "Create");
            int createSteps = play(stack, waitLoop, "Create");
            ResponseSink.Received created = stack.onlyResponseTo(create);
            String arn = created.physicalResourceId();
            assertThat(created.status()).as("Create's answer: %s", created.body()).isEqualTo("SUCCESS");
            assertThat(arn).as("Create's physical id").startsWith("arn:aws:acm:" + DeployedFunctions.REGION + ":"
                + DeployedFunctions.ACCOUNT + ":certificate/");
            assertThat(created.data().path("Arn").asText()).as("Create's Data.Arn").isEqualTo(arn);
            assertThat(created.data().path("Status").asText()).as("Create's Data.Status").isEqualTo("ISSUED");
            assertThat(createSteps).as("Reconcile steps until moto issued the certificate").isGreaterThan(1);
            timings.mark("create and its wait loop (" + createSteps + " Reconcile steps)");

            // The renewal guardian's daily run: a validation record deleted behind the product's back is written
            // again, in the hosted zone the resource recorded on the certificate.
            String record = deleteAValidationRecord(stack);
            InvocationOutcome guardianRun = stack.guardian().invoke(stack.eventFile("guardian-schedule.json"));
            assertThat(guardianRun.failed()).as("the guardian's invocation: %s", guardianRun).isFalse();
            JsonNode summary = JSON.readTree(guardianRun.body());
            assertThat(summary.path("Certificates").asInt()).as("the guardian's answer: %s", summary).isEqualTo(1);
            assertThat(summary.path("RecordsRestored").asInt()).as("the guardian's answer: %s", summary).isEqualTo(1);
            try (Route53Fixtures dns = stack.route53()) {
                assertThat(dns.zones()).singleElement().satisfies(zone -> assertThat(
                    dns.record(zone.id(), record, RRType.CNAME)).as("%s after the guardian's run", record).isPresent());
            }
            timings.mark("the renewal guardian's daily run");

            ObjectNode update = stack.event("update-tags.json").put("PhysicalResourceId", arn);
            deliver(stack, update, "Update");
            play(stack, waitLoop, "Update");
            ResponseSink.Received updated = stack.onlyResponseTo(update);
            assertThat(updated.status()).as("Update's answer: %s", updated.body()).isEqualTo("SUCCESS");
            assertThat(updated.physicalResourceId()).as("a tags-only Update keeps the certificate").isEqualTo(arn);
            assertThat(updated.data().path("Arn").asText()).as("Update's Data.Arn").isEqualTo(arn);
            assertThat(updated.data().path("Status").asText()).as("Update's Data.Status").isEqualTo("ISSUED");
            assertThat(tags(stack.acm(), arn)).as("the certificate's tags after the Update")
                .containsEntry("team", "platform").containsEntry("cost-centre", "cc-1234");
            timings.mark("update");

            ObjectNode replace = stack.event("update-names.json").put("PhysicalResourceId", arn);
            deliver(stack, replace, "Update with a new name");
            int replaceSteps = play(stack, waitLoop, "Update with a new name");
            ResponseSink.Received replaced = stack.onlyResponseTo(replace);
            String newArn = replaced.physicalResourceId();
            assertThat(replaced.status()).as("the replacing Update's answer: %s", replaced.body()).isEqualTo("SUCCESS");
            assertThat(newArn).as("a new name means a new certificate").startsWith("arn:aws:acm:").isNotEqualTo(arn);
            assertThat(replaced.data().path("Arn").asText()).as("the replacing Update's Data.Arn").isEqualTo(newArn);
            assertThat(replaced.data().path("Status").asText()).as("the replacing Update's Data.Status")
                .isEqualTo("ISSUED");
            timings.mark("update with replacement and its wait loop (" + replaceSteps + " Reconcile steps)");

            // CloudFormation then deletes the replaced certificate, in a request of its own.
            ObjectNode cleanup = stack.event("delete.json", "5a8c0e2f-7b3d-4f9a-8e1c-6d4b2a0f9e7c")
                .put("PhysicalResourceId", arn);
            deliver(stack, cleanup, "Delete of the replaced certificate");
            play(stack, waitLoop, "Delete of the replaced certificate");
            ResponseSink.Received cleaned = stack.onlyResponseTo(cleanup);
            assertThat(cleaned.status()).as("the clean-up Delete's answer: %s", cleaned.body()).isEqualTo("SUCCESS");
            assertThat(certificates(stack.acm())).as("ACM after the clean-up Delete").containsExactly(newArn);

            ObjectNode delete = stack.event("delete.json").put("PhysicalResourceId", newArn);
            deliver(stack, delete, "Delete");
            play(stack, waitLoop, "Delete");
            ResponseSink.Received deleted = stack.onlyResponseTo(delete);
            assertThat(deleted.status()).as("Delete's answer: %s", deleted.body()).isEqualTo("SUCCESS");
            assertThat(deleted.physicalResourceId()).as("Delete's physical id").isEqualTo(newArn);
            assertThat(certificates(stack.acm())).as("ACM after the Delete").isEmpty();
            timings.mark("two deletes");

            assertThat(stack.sink().received()).as("responses to CloudFormation: one per request").hasSize(5);
            for (ExecutionEnvironment environment : environments) {
                assertWarmContainer(environment);
                assertLogLinesAreJson(environment);
                assertEveryLineNamesItsInvocation(environment);
            }
            assertThat(stack.resourceHandler().runtimeApi().served()).as("resource handler invocations").isEqualTo(5);
            assertThat(stack.reconcile().runtimeApi().served()).as("Reconcile invocations")
                .isEqualTo(createSteps + replaceSteps);
            assertThat(stack.respond().runtimeApi().served()).as("Respond invocations: the two wait loops")
                .isEqualTo(2);
            if (stack.reconcile().function().snapStart()) {
                // Reconcile itself never uses KMS: only lambda/Priming builds a KMS client there, in the runtime's
                // beforeCheckpoint, through org.crac.
                assertThat(stack.reconcile().loaded("software.amazon.awssdk.services.kms.DefaultKmsClient"))
                    .as("Reconcile's JVM ran the SnapStart priming before the snapshot").isTrue();
            }
            System.out.println(timings.report(environments));
        }
        assertThat(environments).as("function JVMs left running").noneMatch(ExecutionEnvironment::isRunning);
    }

    @Test
    void aReconcileThatThrowsInTheLambdaJavaRuntimeReachesRespondAsTheRuntimesErrorAndIsAnsweredFailed()
        throws Exception {
        List<ExecutionEnvironment> environments;
        try (DeployedFunctions stack = DeployedFunctions.deploy(ISSUING_AFTER_THREE_SECONDS, "failing-step")) {
            environments = stack.environments();
            ObjectNode create = stack.event("create.json");
            deliver(stack, create, "Create");
            List<JsonNode> started = stack.newExecutionInputs();
            assertThat(started).as("wait loops the Create started").hasSize(1);
            // A step document Reconcile cannot read, as one written by another version of the function would be.
            ObjectNode unreadable = ((ObjectNode) started.get(0)).deepCopy();
            unreadable.remove("plan");

            InProcessStateMachine.Execution run = stack.stateMachine(InProcessStateMachine.Observer.SILENT, WAIT_CAP)
                .run(unreadable);

            InvocationOutcome error = stack.reconcile().outcomes().get(0);
            JsonNode document = JSON.readTree(error.body());
            assertThat(error.failed()).as("Reconcile's invocation: %s", error).isTrue();
            assertThat(error.runtimeErrorType()).as("the runtime's Lambda-Runtime-Function-Error-Type")
                .isEqualTo("Runtime.UserException");
            assertThat(document.path("errorType").asText()).as("the error document's errorType: %s", document)
                .isEqualTo(IllegalArgumentException.class.getName());
            assertThat(document.path("stackTrace").isArray()).as("the error document's stackTrace: %s", document)
                .isTrue();
            assertThat(run.steps()).as("steps Reconcile completed").isEmpty();
            assertThat(run.succeeded()).as("Respond delivered the answer after the Catch").isTrue();
            ResponseSink.Received answer = stack.onlyResponseTo(create);
            assertThat(answer.status()).as("the Create's answer: %s", answer.body()).isEqualTo("FAILED");
            assertThat(answer.reason()).as("the Create's reason: the error, then what the rollback does")
                .isEqualTo("Internal error while waiting: " + IllegalArgumentException.class.getName() + ": "
                    + document.path("errorMessage").asText() + ". " + Failure.rollbackDeletesTheCertificate());
            String arn = answer.physicalResourceId();
            assertThat(arn).as("a failed Create answers with the certificate it requested, for the rollback")
                .startsWith("arn:aws:acm:");

            ObjectNode rollback = stack.event("delete.json").put("PhysicalResourceId", arn);
            deliver(stack, rollback, "rollback Delete");
            for (JsonNode input : stack.newExecutionInputs()) {
                stack.stateMachine(InProcessStateMachine.Observer.SILENT, WAIT_CAP).run(input);
            }
            assertThat(stack.onlyResponseTo(rollback).status()).as("the rollback Delete's answer").isEqualTo("SUCCESS");
            assertThat(certificates(stack.acm())).as("ACM after the rollback").isEmpty();
            for (ExecutionEnvironment environment : environments) {
                assertLogLinesAreJson(environment);
            }
            assertThat(stack.reconcile().stdoutLines()).as("the runtime's own line for the failed invocation")
                .anyMatch(line -> line.contains(IllegalArgumentException.class.getName()));
        }
        assertThat(environments).as("function JVMs left running").noneMatch(ExecutionEnvironment::isRunning);
    }

    /** Deletes one validation record from the stack's zone, as a zone clean-up would; its name. */
    private static String deleteAValidationRecord(DeployedFunctions stack) {
        try (Route53Fixtures dns = stack.route53()) {
            String zone = dns.zones().get(0).id();
            String record = dns.records(zone).stream().filter(set -> set.type() == RRType.CNAME).findFirst()
                .orElseThrow(() -> new AssertionError("no validation record in the zone after the Create")).name();
            dns.deleteRecord(zone, record, RRType.CNAME);
            return record;
        }
    }

    /** Step Functions' part: plays each execution started since the last look; the Reconcile steps they took. */
    private static int play(DeployedFunctions stack, InProcessStateMachine waitLoop, String request)
        throws IOException, InterruptedException {
        int steps = 0;
        for (JsonNode input : stack.newExecutionInputs()) {
            InProcessStateMachine.Execution run = waitLoop.run(input);
            assertThat(run.succeeded()).as("the %s's wait loop delivered its answer: %s", request, run.notDelivered())
                .isTrue();
            steps += run.steps().size();
        }
        return steps;
    }

    /**
     * CloudFormation's invocation of the ServiceToken: it succeeds, and what the handler logged about the request is
     * on stdout when the runtime has answered, since Lambda freezes the environment then.
     */
    private static void deliver(DeployedFunctions stack, ObjectNode event, String request) throws InterruptedException {
        InvocationOutcome outcome = stack.deliver(event);
        assertThat(outcome.failed()).as("the resource handler's invocation for the %s: %s", request, outcome)
            .isFalse();
        String requestId = event.path("RequestId").asText();
        assertThat(stack.resourceHandler().stdoutLines())
            .as("the resource handler's stdout once it answered the %s (request %s)", request, requestId)
            .anyMatch(line -> line.contains(requestId));
    }

    /**
     * One JVM per function for the whole test, which took one invocation after the other: it never exited, it
     * initialised (and restored) once, and it asked for the next invocation once after each.
     */
    private static void assertWarmContainer(ExecutionEnvironment environment) throws InterruptedException {
        String name = environment.function().logicalId();
        RuntimeApiStandIn api = environment.runtimeApi();
        environment.awaitIdle(Duration.ofSeconds(10));
        assertThat(environment.isRunning()).as("%s's JVM still runs after serving", name).isTrue();
        assertThat(api.initError()).as("%s's init error", name).isEmpty();
        assertThat(api.unexpected()).as("calls %s made that the Runtime API stand-in does not know", name).isEmpty();
        assertThat(environment.outcomes()).as("%s's invocations", name).isNotEmpty()
            .allSatisfy(outcome -> assertThat(outcome.failed()).as("%s: %s", name, outcome).isFalse());
        assertThat(api.nextRequests()).as("%s asks for the next invocation after each one, in one process", name)
            .isEqualTo(api.served() + 1);
        assertThat(api.restoreRequests()).as("%s's restores from a SnapStart snapshot", name)
            .isEqualTo(environment.function().snapStart() ? 1 : 0);
    }

    /**
     * Rule 10 as CloudWatch would get it: every line on the function's stdout, the runtime's own included, is one
     * JSON object, and none carries the ResponseURL's signature; nothing goes to stderr.
     */
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

    /**
     * Every line the function wrote names the Lambda invocation it was serving ({@code invocationId}); CloudFormation's
     * RequestId never takes the name {@code requestId}, which Lambda's own JSON lines use for the invocation.
     */
    private static void assertEveryLineNamesItsInvocation(ExecutionEnvironment environment) {
        String name = environment.function().logicalId();
        Set<String> invocations = new HashSet<>();
        environment.outcomes().forEach(outcome -> invocations.add(outcome.requestId()));
        for (String line : environment.stdoutLines().stream().filter(l -> !l.isBlank()).toList()) {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(name + " wrote a line to stdout that is not JSON: " + line, e);
            }
            assertThat(parsed.path("invocationId").asText()).as("%s's line names one of its invocations %s: %s", name,
                invocations, line).isIn(invocations);
            assertThat(parsed.has("requestId")).as("%s's line uses requestId for CloudFormation's id: %s", name, line)
                .isFalse();
        }
    }

    /** Every certificate in moto's ACM of the functions' region, whatever its status. */
    private static List<String> certificates(AcmClient acm) {
        return acm.listCertificates().certificateSummaryList().stream().map(c -> c.certificateArn()).toList();
    }

    private static Map<String, String> tags(AcmClient acm, String arn) {
        Map<String, String> tags = new TreeMap<>();
        acm.listTagsForCertificate(b -> b.certificateArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    /** How long each part took, for the line the test prints. */
    private static final class Timings {
        private final Instant start = Instant.now();
        private Instant last = start;
        private final Map<String, Duration> parts = new LinkedHashMap<>();

        void mark(String part) {
            Instant now = Instant.now();
            parts.put(part, Duration.between(last, now));
            last = now;
        }

        String report(List<ExecutionEnvironment> environments) {
            StringBuilder out = new StringBuilder("LambdaRuntimeTest: ")
                .append(Duration.between(start, Instant.now()).toMillis()).append(" ms;");
            parts.forEach((part, took) -> out.append(' ').append(part).append(' ').append(took.toMillis())
                .append(" ms;"));
            for (ExecutionEnvironment environment : environments) {
                out.append(' ').append(environment.function().logicalId()).append(" init ")
                    .append(environment.initDuration().toMillis()).append(" ms, ")
                    .append(environment.runtimeApi().served()).append(" invocations;");
            }
            return out.toString();
        }
    }
}
