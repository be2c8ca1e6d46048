package ca.archivium.dnscert.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.waitloop.InProcessStateMachine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wait loop as deployed ({@code statemachine/wait-loop.asl.json}), executed by
 * aws-local-stepfunctions with its Task states bound to fake Reconcile and Respond functions:
 * the definition decides nothing itself, loops while Reconcile says WAIT, and makes Respond answer
 * exactly once, also when Reconcile fails.
 */
@IntegrationTest
class StateMachineDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static StateMachineWorkspace workspace;

    @BeforeAll
    static void findRepository() {
        Optional<StateMachineWorkspace> found = StateMachineWorkspace.find();
        assumeTrue(found.isPresent(), "the module is built outside its repository (as sam build does): no "
                + StateMachineWorkspace.WAIT_LOOP + " above " + Path.of("").toAbsolutePath());
        workspace = found.get();
    }

    @Test
    void definitionPassesAslValidator() {
        StateMachineWorkspace.NodeRun run = workspace.node("validate.mjs",
                List.of(workspace.waitLoopDefinition().toString()), "");

        assertThat(run.exitCode()).as("asl-validator on the wait loop: %s", run.stderr()).isZero();
    }

    @Test
    void aslValidatorRejectsADefinitionWithADanglingTransition(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.asl.json"), """
                {"StartAt": "Reconcile", "States": {"Reconcile": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Next": "Nowhere"}}}
                """);

        StateMachineWorkspace.NodeRun run = workspace.node("validate.mjs", List.of(broken.toString()), "");

        assertThat(run.exitCode()).as("asl-validator must reject a transition to a missing state").isEqualTo(1);
        assertThat(run.stderr()).contains("MISSING_TRANSITION_TARGET");
    }

    @Test
    void reconcileRunsUntilDoneThenRespondAnswersOnceWithTheDoneDocument() {
        AtomicInteger calls = new AtomicInteger();
        Function<JsonNode, JsonNode> reconcile = step -> calls.incrementAndGet() < 3
                ? withOutcome(step, "WAIT").put("waitSeconds", 20).put("phase", "AWAIT_ISSUANCE")
                : withOutcome(step, "DONE").put("phase", "ISSUED");

        ExecutionResult result = waitLoop(reconcile, step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        List<JsonNode> steps = result.inputsOf("Reconcile");
        assertThat(steps).as("Reconcile is asked again after each WAIT").hasSize(3);
        assertThat(steps.get(0)).as("the first step gets the execution input unchanged").isEqualTo(stepDocument());
        assertThat(steps.get(2).path("waitSeconds").asInt()).as("the new step document replaces the old one").isEqualTo(20);
        assertThat(result.inputsOf("Respond")).as("Respond answers exactly once").hasSize(1);
        JsonNode answeredStep = result.inputsOf("Respond").get(0);
        assertThat(answeredStep.path("outcome").asText()).isEqualTo("DONE");
        assertThat(answeredStep.path("phase").asText()).isEqualTo("ISSUED");
        assertThat(answeredStep.path("request")).as("opaque fields pass through the loop untouched")
                .isEqualTo(stepDocument().path("request"));
        assertThat(answeredStep.path("responseRef")).isEqualTo(stepDocument().path("responseRef"));
        assertThat(answeredStep.has("error")).as("no error on the happy path").isFalse();
        assertThat(result.output()).as("the execution's output is what Respond returned").isEqualTo(answered(answeredStep));
        assertThat(result.visitedStates()).containsExactly(
                "WakeRespond",
                "Wait", "Reconcile", "NextStep",
                "Wait", "Reconcile", "NextStep",
                "Wait", "Reconcile", "NextStep",
                "Respond", "Answered");
    }

    static List<String> retriedLambdaErrors() {
        return LambdaInvokeErrors.retried();
    }

    @ParameterizedTest
    @MethodSource("retriedLambdaErrors")
    void lambdaServiceErrorInReconcileIsRetriedWithTheSameStepUntilTheFunctionRuns(String error) {
        int retries = maxAttemptsFor("Reconcile", error);
        AtomicInteger calls = new AtomicInteger();
        Function<JsonNode, JsonNode> reconcile = step -> {
            if (calls.incrementAndGet() <= retries) {
                throw serviceError(error);
            }
            return withOutcome(step, "DONE");
        };

        ExecutionResult result = waitLoop(reconcile, step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.retriedStates()).as("%s is retried %d times, not caught", error, retries)
                .hasSize(retries).containsOnly("Reconcile");
        assertThat(result.inputsOf("Reconcile")).as("every retry repeats the same step")
                .hasSize(retries + 1).containsOnly(stepDocument());
        assertThat(result.inputsOf("Respond")).as("Respond answers once, with the step that succeeded")
                .containsExactly(withOutcome(stepDocument(), "DONE"));
    }

    @Test
    void reconcileWhoseVersionNeverBecomesReadyIsAnsweredWithTheServicesMessage() {
        int retries = maxAttemptsFor("Reconcile", "Lambda.SnapStartNotReadyException");
        Function<JsonNode, JsonNode> reconcile = step -> {
            throw LambdaServiceError.snapStartNotReady();
        };

        ExecutionResult result = waitLoop(reconcile, step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("a caught error still ends in Respond (%s: %s)", result.error(), result.cause())
                .isTrue();
        assertThat(result.inputsOf("Reconcile")).as("one try and the not-ready retrier's %d retries", retries)
                .hasSize(1 + retries);
        assertThat(result.inputsOf("Respond")).as("Respond answers exactly once").hasSize(1);
        JsonNode answeredStep = result.inputsOf("Respond").get(0);
        assertThat(answeredStep.path("request")).isEqualTo(stepDocument().path("request"));
        assertThat(answeredStep.path("error").path("Error").asText()).isEqualTo("Lambda.SnapStartNotReadyException");
        assertThat(answeredStep.path("error").path("Cause").asText())
                .as("$.error.Cause is the service's message, which Respond puts in the reason as it is")
                .startsWith("Lambda is initializing your function.")
                .contains("Status Code: 409");
        assertThat(result.visitedStates()).startsWith("WakeRespond", "Wait", "Reconcile").endsWith("Reconcile", "Respond", "Answered");
    }

    @Test
    void aSecondKindOfLambdaErrorGetsItsOwnRetriesButTheTotalIsBounded() {
        int notReady = maxAttemptsFor("Reconcile", "Lambda.SnapStartNotReadyException");
        int throttled = maxAttemptsFor("Reconcile", "Lambda.TooManyRequestsException");
        AtomicInteger calls = new AtomicInteger();
        Function<JsonNode, JsonNode> reconcile = step -> {
            throw calls.incrementAndGet() % 2 == 1 ? LambdaServiceError.snapStartNotReady()
                    : serviceError("Lambda.TooManyRequestsException");
        };

        ExecutionResult result = waitLoop(reconcile, step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.retriedStates()).as("each retrier spends its own attempts, no more")
                .hasSizeLessThanOrEqualTo(notReady + throttled).containsOnly("Reconcile");
        assertThat(result.inputsOf("Respond")).as("Respond still answers once").hasSize(1);
    }

    @Test
    void unexpectedReconcileErrorMakesRespondAnswerWithItsCause() {
        Function<JsonNode, JsonNode> reconcile = step -> {
            throw new IllegalStateException("DescribeCertificate returned no DomainValidationOptions");
        };

        ExecutionResult result = waitLoop(reconcile, step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("a caught error still ends in Respond (%s: %s)", result.error(), result.cause())
                .isTrue();
        assertThat(result.inputsOf("Reconcile")).as("a bug is not retried").hasSize(1);
        assertThat(result.inputsOf("Respond")).as("Respond answers exactly once").hasSize(1);
        JsonNode answeredStep = result.inputsOf("Respond").get(0);
        assertThat(answeredStep.path("request")).as("Respond still gets the step document it needs to answer")
                .isEqualTo(stepDocument().path("request"));
        assertThat(answeredStep.path("error").path("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        JsonNode cause = parse(answeredStep.path("error").path("Cause").asText());
        assertThat(cause.path("errorMessage").asText()).as("$.error.Cause is the Lambda error JSON")
                .isEqualTo("DescribeCertificate returned no DomainValidationOptions");
        assertThat(result.visitedStates()).containsExactly("WakeRespond", "Wait", "Reconcile", "Respond", "Answered");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"outcome\": \"FAILED\", \"reason\": \"CAA forbids amazon.com\"}",
        "{\"outcome\": \"SOMETHING_NEW\"}",
        "{\"outcome\": \"WAIT\"}",
        "{\"outcome\": \"WAIT\", \"waitSeconds\": \"soon\"}",
        "{\"outcome\": \"WAIT\", \"waitSeconds\": -5}",
        "{\"reason\": \"no outcome at all\"}"})
    void everyStepThatIsNotAWellFormedWaitGoesToRespond(String returned) {
        ObjectNode step = stepDocument().deepCopy();
        step.remove(List.of("outcome", "waitSeconds"));
        step.setAll((ObjectNode) parse(returned));

        ExecutionResult result = waitLoop(ignored -> step, answered -> answered(answered)).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.inputsOf("Reconcile")).as("no further step after %s", returned).hasSize(1);
        assertThat(result.inputsOf("Respond")).as("Respond decides what %s means", returned).containsExactly(step);
    }

    /** Respond's retriers name the same errors as Reconcile's (theRetryListsNameExactly...): one of each retrier. */
    @ParameterizedTest
    @ValueSource(strings = {"Lambda.SnapStartNotReadyException", "Lambda.TooManyRequestsException"})
    void lambdaServiceErrorInRespondIsRetriedUntilTheFunctionRunsAndAnswersOnce(String error) {
        int retries = maxAttemptsFor("Respond", error);
        AtomicInteger calls = new AtomicInteger();
        Function<JsonNode, JsonNode> respond = step -> {
            if (calls.incrementAndGet() <= retries) {
                throw serviceError(error);
            }
            return answered(step);
        };

        ExecutionResult result = waitLoop(step -> withOutcome(step, "DONE"), respond).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.inputsOf("Respond")).as("%s: %d retries, then the one answer", error, retries)
                .hasSize(retries + 1).containsOnly(withOutcome(stepDocument(), "DONE"));
        assertThat(result.output()).isEqualTo(answered(withOutcome(stepDocument(), "DONE")));
    }

    @Test
    void respondWhoseVersionNeverBecomesReadyFailsTheExecutionAfterTheNotReadyRetries() {
        int retries = maxAttemptsFor("Respond", "Lambda.SnapStartNotReadyException");
        Function<JsonNode, JsonNode> respond = step -> {
            throw LambdaServiceError.snapStartNotReady();
        };

        ExecutionResult result = waitLoop(step -> withOutcome(step, "DONE"), respond).run(stepDocument());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).isEqualTo("ResponseNotDelivered");
        assertThat(result.inputsOf("Respond")).as("the first matching retrier governs: not also States.ALL's")
                .hasSize(1 + retries);
    }

    @Test
    void respondThatCannotDeliverFailsTheExecutionAfterItsRetries() {
        Function<JsonNode, JsonNode> respond = step -> {
            throw new UncheckedIOException(new IOException("PUT to the ResponseURL failed after 5 attempts"));
        };

        ExecutionResult result = waitLoop(step -> withOutcome(step, "DONE"), respond).run(stepDocument());

        assertThat(result.succeeded()).as("an undelivered response must show as a failed execution").isFalse();
        assertThat(result.error()).isEqualTo("ResponseNotDelivered");
        assertThat(result.inputsOf("Respond")).as("one try plus the States.ALL retries of the definition")
                .hasSize(1 + respondCatchAllRetries());
        assertThat(result.visitedStates()).endsWith("Respond", "ResponseNotDelivered");
    }

    private static AslExecution waitLoop(Function<JsonNode, JsonNode> reconcile, Function<JsonNode, JsonNode> respond) {
        return waitLoop(wake -> null, reconcile, respond);
    }

    /** {@code wake} stands for the Respond function as the WakeRespond state invokes it, ahead of the loop. */
    private static AslExecution waitLoop(Function<JsonNode, JsonNode> wake, Function<JsonNode, JsonNode> reconcile,
                                         Function<JsonNode, JsonNode> respond) {
        return new AslExecution(workspace, workspace.waitLoopDefinition(),
                Map.of("WakeRespond", wake, "Reconcile", reconcile, "Respond", respond));
    }

    @Test
    void respondIsWokenFirstWithANoOpPayloadAndTheStepDocumentGoesOnUnchanged() {
        ExecutionResult result = waitLoop(step -> withOutcome(step, "DONE"), step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.inputsOf("WakeRespond")).as("one wake-up, before the first Wait")
                .containsExactly(parse("{\"wake\": true}"));
        assertThat(result.visitedStates()).startsWith("WakeRespond", "Wait");
        assertThat(result.inputsOf("Reconcile")).as("the wake-up's result is not kept").containsExactly(stepDocument());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lambda.SnapStartNotReadyException", "Lambda.TooManyRequestsException"})
    void aWakeUpThatLambdaRefusesIsIgnoredAndTheLoopGoesOn(String error) {
        ExecutionResult result = waitLoop(wake -> {
            throw serviceError(error);
        }, step -> withOutcome(step, "DONE"), step -> answered(step)).run(stepDocument());

        assertThat(result.succeeded()).as("execution status (%s: %s)", result.error(), result.cause()).isTrue();
        assertThat(result.inputsOf("WakeRespond")).as("not retried: the answer's own Retry covers a version not ready")
                .hasSize(1);
        assertThat(result.inputsOf("Reconcile")).containsExactly(stepDocument());
        assertThat(result.inputsOf("Respond")).containsExactly(withOutcome(stepDocument(), "DONE"));
    }

    @Test
    void theWakeUpIsAnAsynchronousInvocationOfRespondWhoseOutcomeIsDropped() throws IOException {
        JsonNode definition = JSON.readTree(workspace.waitLoopDefinition().toFile());
        JsonNode wake = definition.path("States").path("WakeRespond");

        assertThat(definition.path("StartAt").asText()).isEqualTo("WakeRespond");
        assertThat(wake.path("Parameters").path("FunctionName").asText())
                .isEqualTo(definition.path("States").path("Respond").path("Parameters").path("FunctionName").asText());
        assertThat(wake.path("Parameters").path("InvocationType").asText()).as("no waiting for the function")
                .isEqualTo("Event");
        assertThat(wake.path("ResultPath").isNull()).as("the step document passes unchanged").isTrue();
        assertThat(wake.path("Catch").path(0).path("ErrorEquals")).containsExactly(JSON.getNodeFactory().textNode("States.ALL"));
        assertThat(wake.path("Catch").path(0).path("ResultPath").isNull()).isTrue();
        assertThat(wake.path("Catch").path(0).path("Next").asText()).isEqualTo("Wait");
        assertThat(wake.path("Next").asText()).isEqualTo("Wait");
    }

    @Test
    void theInProcessLoopRetriesAsTheDefinitionDoes() throws IOException {
        JsonNode states = JSON.readTree(workspace.waitLoopDefinition().toFile()).path("States");

        assertThat(InProcessStateMachine.RECONCILE_RETRY).as("Reconcile's Retry in the definition and in the "
                + "in-process loop (invoke, the tests)").isEqualTo(retriers(states.path("Reconcile")));
        assertThat(InProcessStateMachine.RESPOND_RETRY).as("Respond's Retry")
                .isEqualTo(retriers(states.path("Respond")));
        assertThat(states.path("Reconcile").path("Catch").path(0).path("Next").asText())
                .as("a Reconcile that fails for good goes to Respond, as the in-process loop does").isEqualTo("Respond");
        assertThat(states.path("Reconcile").path("Catch").path(0).path("ResultPath").asText()).isEqualTo("$.error");
    }

    @Test
    void theRetryListsNameExactlyTheTransientLambdaErrorsOfLambdasModel() throws IOException {
        Map<String, Integer> model = LambdaInvokeErrors.invokeErrorsOfTheModel();
        assertThat(model.keySet()).as("every Invoke error of %s is classified in LambdaInvokeErrors.MODELLED"
                + " (a new one needs a decision: retried or not)", LambdaInvokeErrors.serviceModel())
                .containsExactlyInAnyOrderElementsOf(LambdaInvokeErrors.MODELLED.keySet());
        assertThat(LambdaInvokeErrors.BEYOND_THE_MODEL.keySet()).as("names outside the model are outside it")
                .doesNotContainAnyElementsOf(model.keySet());

        JsonNode states = JSON.readTree(workspace.waitLoopDefinition().toFile()).path("States");
        for (String task : List.of("Reconcile", "Respond")) {
            JsonNode retry = states.path(task).path("Retry");
            assertThat(errorEquals(retry.path(0))).as("%s's first retrier: the version is not ready yet", task)
                    .isEqualTo(LambdaInvokeErrors.stepFunctionsNames(LambdaInvokeErrors.Handling.NOT_READY));
            assertThat(errorEquals(retry.path(1))).as("%s's second retrier: throttling and the service's faults", task)
                    .isEqualTo(LambdaInvokeErrors.stepFunctionsNames(LambdaInvokeErrors.Handling.TRANSIENT));
            assertThat(errorEquals(retry.path(2))).as("%s retries nothing else of Lambda's", task)
                    .isEqualTo(task.equals("Respond") ? Set.of("States.ALL") : Set.of());
            assertThat(retry.path(0).path("JitterStrategy").asText())
                    .as("%s: no jitter on the not-ready retrier, or its budget could shrink to nothing", task)
                    .isEqualTo("NONE");
        }
    }

    @Test
    void theNotReadyRetriesOutlastAwssOwnWaitForAnActiveFunctionAndTheTotalIsWrittenDown() throws IOException {
        JsonNode reconcile = JSON.readTree(workspace.waitLoopDefinition().toFile()).path("States").path("Reconcile");
        int notReady = totalDelaySeconds(reconcile.path("Retry").path(0));
        int transientFaults = totalDelaySeconds(reconcile.path("Retry").path(1));
        int waiter = LambdaInvokeErrors.functionActiveWaiterSeconds();

        assertThat(notReady).as("the not-ready retries wait at least as long as the FunctionActiveV2 waiter (%d s)",
                waiter).isGreaterThanOrEqualTo(waiter);
        assertThat(reconcile.path("Comment").asText()).as("Reconcile's Comment states the budgets the Retry gives")
                .contains(notReady + " s", transientFaults + " s", (notReady + transientFaults) + " s");
    }

    private static Set<String> errorEquals(JsonNode retrier) {
        Set<String> errors = new HashSet<>();
        retrier.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
        return errors;
    }

    /** The longest a retrier waits over all its attempts: each IntervalSeconds x BackoffRate^n, up to MaxDelaySeconds. */
    private static int totalDelaySeconds(JsonNode retrier) {
        double total = 0;
        for (int n = 0; n < retrier.path("MaxAttempts").asInt(); n++) {
            total += Math.min(retrier.path("IntervalSeconds").asInt() * Math.pow(retrier.path("BackoffRate").asDouble(), n),
                    retrier.path("MaxDelaySeconds").asInt());
        }
        return (int) Math.round(total);
    }

    /** The MaxAttempts of the first retrier of {@code task} whose ErrorEquals names {@code error}. */
    private static int maxAttemptsFor(String task, String error) {
        try {
            JsonNode retry = JSON.readTree(workspace.waitLoopDefinition().toFile()).path("States").path(task).path("Retry");
            for (JsonNode retrier : retry) {
                if (errorEquals(retrier).contains(error)) {
                    return retrier.path("MaxAttempts").asInt();
                }
            }
            throw new AssertionError(task + " has no retrier for " + error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error as the Lambda service raises it: with the model's HTTP status, or client-side without one. */
    static LambdaServiceError serviceError(String error) {
        String exception = error.substring("Lambda.".length());
        return LambdaInvokeErrors.MODELLED.containsKey(exception)
                ? LambdaServiceError.of(exception, LambdaInvokeErrors.httpStatusOf(exception), "injected " + exception)
                : LambdaServiceError.clientSide(exception, "injected " + exception);
    }

    private static List<InProcessStateMachine.Retrier> retriers(JsonNode task) {
        List<InProcessStateMachine.Retrier> retriers = new ArrayList<>();
        for (JsonNode retrier : task.path("Retry")) {
            Set<String> errors = new HashSet<>();
            retrier.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
            retriers.add(new InProcessStateMachine.Retrier(errors, retrier.path("IntervalSeconds").asInt(),
                    retrier.path("MaxAttempts").asInt(), retrier.path("BackoffRate").asDouble(),
                    retrier.path("MaxDelaySeconds").asInt()));
        }
        return retriers;
    }

    /** A step document as the resource handler writes it: outcome and waitSeconds, the rest opaque. */
    private static JsonNode stepDocument() {
        return parse("""
                {"outcome": "WAIT", "waitSeconds": 30, "phase": "AWAIT_RECORDS",
                 "request": {"stackId": "arn:aws:cloudformation:ca-central-1:123456789012:stack/web/1",
                             "logicalResourceId": "Cert", "requestType": "Create"},
                 "responseRef": "opaque-reference", "deadline": "2030-01-01T00:59:00Z", "attempt": 0}
                """);
    }

    private static ObjectNode withOutcome(JsonNode step, String outcome) {
        return ((ObjectNode) step.deepCopy()).put("outcome", outcome);
    }

    private static JsonNode answered(JsonNode step) {
        return JSON.createObjectNode().put("answered", step.path("outcome").asText());
    }

    private static int respondCatchAllRetries() {
        try {
            JsonNode retriers = JSON.readTree(workspace.waitLoopDefinition().toFile()).path("States").path("Respond").path("Retry");
            for (JsonNode retrier : retriers) {
                if (retrier.path("ErrorEquals").toString().contains("States.ALL")) {
                    return retrier.path("MaxAttempts").asInt(3);
                }
            }
            throw new AssertionError("Respond has no States.ALL retrier in " + workspace.waitLoopDefinition());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
