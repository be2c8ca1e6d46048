package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.time.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code statemachine/wait-loop.asl.json} played in this process, for {@code invoke}, the tests and anything else
 * that runs the wait loop without Step Functions: Wait {@code $.waitSeconds}, Reconcile, again while the outcome is
 * a well-formed WAIT, then Respond. The Tasks keep the definition's Retry and Catch: a Reconcile that fails for good
 * goes to Respond with {@code $.error} ({@code Error}, {@code Cause}), so the request is still answered; a Respond
 * that fails for good ends the run as {@code ResponseNotDelivered}. Every document crosses as JSON text, as Step
 * Functions carries it. Retries wait their interval without the definition's jitter: one process has nobody to
 * spread out from. The first state, WakeRespond, is not played: it only readies the Respond function's version for
 * Lambda, and one process has no version to ready. The Lambda service's own errors ({@code Lambda.SnapStartNotReadyException} and the like) never
 * arise in one process; a {@link Function} raises them as a {@link TaskError} of that name to play them.
 */
public final class InProcessStateMachine {
    private static final int MAX_STEPS = 10_000;
    /** The Lambda service's errors for a version it is still making ready (a SnapStart version gone Inactive). */
    private static final Retrier LAMBDA_NOT_READY = new Retrier(Set.of("Lambda.SnapStartNotReadyException",
        "Lambda.ResourceNotReadyException", "Lambda.ResourceConflictException",
        "Lambda.CodeArtifactUserPendingException"), 5, 8, 2, 60);
    /** The Lambda service's throttling and faults, and the SDK's errors reaching it. */
    private static final Retrier LAMBDA_TRANSIENT = new Retrier(Set.of("Lambda.ServiceException",
        "Lambda.TooManyRequestsException", "Lambda.SnapStartTimeoutException", "Lambda.EC2ThrottledException",
        "Lambda.ClientExecutionTimeoutException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"),
        2, 6, 2, 30);

    /** The Reconcile Task's Retry, as in the definition. */
    public static final List<Retrier> RECONCILE_RETRY = List.of(LAMBDA_NOT_READY, LAMBDA_TRANSIENT);
    /** The Respond Task's Retry, as in the definition. */
    public static final List<Retrier> RESPOND_RETRY = List.of(LAMBDA_NOT_READY, LAMBDA_TRANSIENT,
        new Retrier(Set.of(TaskError.ALL), 10, 3, 3, 120));

    /**
     * The longest wait this loop makes when the steps are the lifecycle's: the wait schedule's longest step, or the
     * longest Retry delay of the definition (Respond's, 120 s).
     */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(Math.max(WaitSchedule.LONGEST_SECONDS,
        Stream.concat(RECONCILE_RETRY.stream(), RESPOND_RETRY.stream())
            .mapToInt(Retrier::maxDelaySeconds).max().orElse(0)));

    private final Function reconcile;
    private final Function respond;
    private final Sleeper sleeper;
    private final Observer observer;

    public InProcessStateMachine(Function reconcile, Function respond, Sleeper sleeper, Observer observer) {
        this.reconcile = reconcile;
        this.respond = respond;
        this.sleeper = sleeper;
        this.observer = observer;
    }

    /** Runs one execution from its input (the step document the resource handler started it with) to its end. */
    public Execution run(JsonNode input) throws InterruptedException {
        JsonNode step = roundTrip(input);
        List<JsonNode> steps = new ArrayList<>();
        while (isWellFormedWait(step)) {
            if (steps.size() >= MAX_STEPS) {
                // The step carries the request, ResponseURL included (a bearer secret): name its place in the loop alone.
                throw new IllegalStateException("the wait loop did not end after " + MAX_STEPS + " steps; last: "
                    + step.path("outcome").asText() + " in " + step.path("phase").asText() + ", waiting "
                    + step.path("waitSeconds").asText() + " s");
            }
            observer.waiting(step);
            sleeper.sleep(Duration.ofSeconds(step.path("waitSeconds").asLong()));
            try {
                step = task(reconcile, step, RECONCILE_RETRY);
            } catch (TaskError e) {
                observer.failed("Reconcile", e);
                ObjectNode caught = (ObjectNode) step.deepCopy();
                caught.putObject("error").put("Error", e.error()).put("Cause", e.cause());
                step = caught;
                break;
            }
            steps.add(step);
        }
        observer.responding(step);
        try {
            return new Execution(steps, step, task(respond, step, RESPOND_RETRY), null);
        } catch (TaskError e) {
            observer.failed("Respond", e);
            return new Execution(steps, step, null, e);
        }
    }

    /** The definition's NextStep Choice: only a WAIT with a numeric, non-negative waitSeconds loops. */
    private static boolean isWellFormedWait(JsonNode step) {
        return "WAIT".equals(step.path("outcome").asText(null)) && step.path("waitSeconds").isNumber()
            && step.path("waitSeconds").asDouble() >= 0;
    }

    private JsonNode task(Function function, JsonNode input, List<Retrier> retry) throws InterruptedException,
        TaskError {
        int[] attempts = new int[retry.size()];
        while (true) {
            try {
                return roundTrip(invoke(function, roundTrip(input)));
            } catch (TaskError e) {
                int which = matching(retry, e);
                if (which < 0 || attempts[which] >= retry.get(which).maxAttempts()) {
                    throw e;
                }
                Duration wait = retry.get(which).delayBefore(attempts[which]++);
                observer.retrying(e, wait);
                sleeper.sleep(wait);
            }
        }
    }

    private static JsonNode invoke(Function function, JsonNode input) throws TaskError {
        try {
            return function.call(input);
        } catch (RuntimeException e) {
            throw TaskError.thrownByHandler(e);
        }
    }

    /**
     * Step Functions uses the first retrier whose ErrorEquals names the error (or States.ALL); once its MaxAttempts
     * are spent, a later retrier that would also match is not asked.
     */
    private static int matching(List<Retrier> retry, TaskError e) {
        for (int i = 0; i < retry.size(); i++) {
            Set<String> errors = retry.get(i).errorEquals();
            if (errors.contains(e.error()) || errors.contains(TaskError.ALL)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode roundTrip(JsonNode document) {
        try {
            return JsonTrees.read(document == null ? "null" : JsonTrees.write(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Task's Lambda function: the document in, the document out, or a function error. */
    @FunctionalInterface
    public interface Function {
        /**
         * @throws TaskError as Lambda reports a failed invocation; any other exception is turned into one, as
         *     the Java runtime does for an exception a handler throws
         */
        JsonNode call(JsonNode input) throws TaskError;
    }

    /** What the run shows of itself: progress lines for a command line; nothing for tests. */
    public interface Observer {
        Observer SILENT = new Observer() { };

        default void waiting(JsonNode step) {
        }

        default void retrying(TaskError error, Duration wait) {
        }

        default void failed(String task, TaskError error) {
        }

        default void responding(JsonNode step) {
        }
    }

    /**
     * One entry of a Task's Retry.
     *
     * @param intervalSeconds  IntervalSeconds: the wait before the first retry
     * @param maxAttempts      MaxAttempts: retries, not counting the first attempt
     * @param backoffRate      BackoffRate: each retry's wait is this many times the last one
     * @param maxDelaySeconds  MaxDelaySeconds: the ceiling of a wait
     */
    public record Retrier(Set<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                          int maxDelaySeconds) {
        Duration delayBefore(int retry) {
            double seconds = intervalSeconds * Math.pow(backoffRate, retry);
            return Duration.ofMillis((long) (Math.min(seconds, maxDelaySeconds) * 1000));
        }
    }

    /**
     * One execution's end.
     *
     * @param steps        what Reconcile returned, in order
     * @param answered     the document Respond was given
     * @param output       Respond's output; null when it failed for good
     * @param notDelivered with a null output: Respond's last error (the definition's ResponseNotDelivered)
     */
    public record Execution(List<JsonNode> steps, JsonNode answered, JsonNode output, TaskError notDelivered) {
        public boolean succeeded() {
            return notDelivered == null;
        }
    }
}
