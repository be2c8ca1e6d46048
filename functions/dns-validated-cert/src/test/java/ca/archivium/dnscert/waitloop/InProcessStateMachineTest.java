package ca.archivium.dnscert.waitloop;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.statemachine.LambdaServiceError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-process wait loop keeps the deployed definition's contract: loop on WAIT, Retry, Catch to Respond. */
class InProcessStateMachineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Duration> waits = new ArrayList<>();
    private final List<JsonNode> responded = new ArrayList<>();

    @Test
    void reconcileRunsAfterEachWaitUntilDoneThenRespondAnswersOnce() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(
            step -> calls.incrementAndGet() < 3 ? step("WAIT", 7) : step("DONE", 0), this::answer);

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).isTrue();
        assertThat(execution.steps()).as("every document Reconcile returned").hasSize(3);
        assertThat(waits).as("the first wait is the input's, then each WAIT's")
            .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(responded).as("Respond answers once, with the DONE document").containsExactly(step("DONE", 0));
        assertThat(execution.output().path("answered").asText()).isEqualTo("DONE");
    }

    @Test
    void reconcileThatThrowsGoesToRespondWithTheLambdaErrorAsTheDefinitionsCatchDoes() throws InterruptedException {
        InProcessStateMachine machine = machine(step -> {
            throw new NullPointerException("Cannot read field \"status\"");
        }, this::answer);

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).as("the request is still answered").isTrue();
        assertThat(responded).hasSize(1);
        JsonNode error = responded.get(0).path("error");
        assertThat(error.path("Error").asText()).isEqualTo("java.lang.NullPointerException");
        assertThat(error.path("Cause").asText()).as("the Cause is the runtime's error document")
            .contains("\"errorMessage\":\"Cannot read field \\\"status\\\"\"")
            .contains("\"errorType\":\"java.lang.NullPointerException\"");
        assertThat(responded.get(0).path("outcome").asText()).as("the last good document, with $.error added")
            .isEqualTo("WAIT");
        assertThat(waits).as("a handler's own failure is caught, not retried").containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void transientLambdaErrorsAreRetriedWithTheSameDocumentAndTheDefinitionsBackOff() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        List<JsonNode> inputs = new ArrayList<>();
        InProcessStateMachine machine = machine(step -> {
            inputs.add(step);
            if (calls.incrementAndGet() <= 3) {
                throw new TaskError("Lambda.TooManyRequestsException", "Rate exceeded");
            }
            return step("DONE", 0);
        }, this::answer);

        machine.run(step("WAIT", 5));

        assertThat(inputs).as("the retry repeats the same step").hasSize(4).containsOnly(step("WAIT", 5));
        assertThat(waits).as("IntervalSeconds 2, BackoffRate 2")
            .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(responded).containsExactly(step("DONE", 0));
    }

    @Test
    void transientErrorsBeyondMaxAttemptsAreCaughtAndAnsweredFailed() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(step -> {
            calls.incrementAndGet();
            throw new TaskError("Lambda.ServiceException", "unavailable");
        }, this::answer);

        machine.run(step("WAIT", 5));

        assertThat(calls).as("one attempt and MaxAttempts 6 retries").hasValue(7);
        assertThat(responded).hasSize(1);
        assertThat(responded.get(0).path("error").path("Error").asText()).isEqualTo("Lambda.ServiceException");
    }

    @Test
    void versionThatIsNotReadyIsRetriedWithoutJitterUntilItRuns() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(step -> {
            if (calls.incrementAndGet() <= 8) {
                throw LambdaServiceError.snapStartNotReady().inProcess();
            }
            return step("DONE", 0);
        }, this::answer);

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).isTrue();
        assertThat(calls).as("MaxAttempts 8 retries, then the function runs").hasValue(9);
        assertThat(waits).as("after the Wait: IntervalSeconds 5, BackoffRate 2, MaxDelaySeconds 60 (315 s in all)")
            .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(60));
        assertThat(responded).as("answered once").containsExactly(step("DONE", 0));
    }

    @Test
    void versionThatNeverBecomesReadyIsCaughtAndAnsweredWithTheServicesMessage() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(step -> {
            calls.incrementAndGet();
            throw LambdaServiceError.snapStartNotReady().inProcess();
        }, this::answer);

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).as("the request is still answered").isTrue();
        assertThat(calls).as("one try and 8 retries").hasValue(9);
        assertThat(responded).hasSize(1);
        JsonNode error = responded.get(0).path("error");
        assertThat(error.path("Error").asText()).isEqualTo("Lambda.SnapStartNotReadyException");
        assertThat(error.path("Cause").asText()).startsWith("Lambda is initializing your function.")
            .contains("Status Code: 409");
    }

    @Test
    void respondWhoseVersionIsNotReadyYetAnswersOnceWhenItRuns() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(step -> step("DONE", 0), step -> {
            if (calls.incrementAndGet() <= 3) {
                throw LambdaServiceError.snapStartNotReady().inProcess();
            }
            return answer(step);
        });

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).isTrue();
        assertThat(responded).as("the refused invocations never ran; the fourth answered").containsExactly(step("DONE", 0));
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20));
    }

    @Test
    void respondWhoseVersionNeverBecomesReadyEndsNotDeliveredWithoutTheCatchAllRetries() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(step -> step("DONE", 0), step -> {
            calls.incrementAndGet();
            throw LambdaServiceError.snapStartNotReady().inProcess();
        });

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).isFalse();
        assertThat(execution.notDelivered().error()).isEqualTo("Lambda.SnapStartNotReadyException");
        assertThat(calls).as("the first matching retrier (8 retries) governs; States.ALL's are not added").hasValue(9);
    }

    @Test
    void respondThatKeepsFailingEndsNotDeliveredAfterItsRetries() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InProcessStateMachine machine = machine(step -> step("DONE", 0), step -> {
            calls.incrementAndGet();
            throw new IllegalStateException("PUT to the ResponseURL failed 5 times");
        });

        InProcessStateMachine.Execution execution = machine.run(step("WAIT", 5));

        assertThat(execution.succeeded()).isFalse();
        assertThat(execution.notDelivered().error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(calls).as("States.ALL: MaxAttempts 3 retries after the first").hasValue(4);
        assertThat(waits).as("IntervalSeconds 10, BackoffRate 3, after the one Wait")
            .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90));
    }

    @Test
    void anythingButAWellFormedWaitGoesStraightToRespond() throws InterruptedException {
        for (JsonNode odd : List.of(step("WAIT", -1), JSON.createObjectNode().put("outcome", "WAIT"),
            JSON.createObjectNode().put("outcome", "SOMETHING"), JSON.createObjectNode())) {
            responded.clear();
            AtomicInteger calls = new AtomicInteger();
            InProcessStateMachine machine = machine(step -> calls.incrementAndGet() == 1 ? odd : step("DONE", 0),
                this::answer);

            machine.run(step("WAIT", 5));

            assertThat(calls).as("after %s the loop ends", odd).hasValue(1);
            assertThat(responded).as("Respond decides what %s means", odd).containsExactly(odd);
        }
    }

    private InProcessStateMachine machine(InProcessStateMachine.Function reconcile,
                                          InProcessStateMachine.Function respond) {
        return new InProcessStateMachine(reconcile, respond, waits::add, InProcessStateMachine.Observer.SILENT);
    }

    private JsonNode answer(JsonNode step) {
        responded.add(step);
        return JSON.createObjectNode().put("answered", step.path("outcome").asText());
    }

    private static ObjectNode step(String outcome, int waitSeconds) {
        ObjectNode step = JSON.createObjectNode().put("outcome", outcome).put("waitSeconds", waitSeconds);
        step.putObject("request").put("RequestId", "r-1");
        return step;
    }
}
