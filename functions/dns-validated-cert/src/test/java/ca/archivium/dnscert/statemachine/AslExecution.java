package ca.archivium.dnscert.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Executes a state machine definition locally with aws-local-stepfunctions
 * ({@code statemachine/test/run-execution.mjs}), each Task state bound to a Java function.
 *
 * <p>A bound function receives what the Task would send to Lambda (the {@code Payload}) and returns
 * the Lambda's return value. When it throws, the Task fails as after a Lambda function error:
 * a {@link FunctionError} gives its error type, any other exception its class name, and the
 * error's Cause is the Lambda error JSON. A {@link LambdaServiceError} fails it as when the Lambda service refuses
 * the invocation: {@code Lambda.<exception>}, with the service's message as the Cause. Wait states last a
 * millisecond and Retry intervals are zero, so the definition's own Retry and Catch rules run unchanged, only faster.
 */
public final class AslExecution {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The Lambda Java runtime reports a stack trace too; a few frames keep the Cause realistic and short.
    private static final int STACK_FRAMES_REPORTED = 5;

    private final StateMachineWorkspace workspace;
    private final Path definition;
    private final Map<String, Function<JsonNode, JsonNode>> tasks;

    /**
     * @param workspace  where the Node runner lives
     * @param definition the ASL file; its {@code ${...}} placeholders get Lambda ARNs
     * @param tasks      the function bound to each Task state, by state name
     */
    public AslExecution(StateMachineWorkspace workspace, Path definition, Map<String, Function<JsonNode, JsonNode>> tasks) {
        this.workspace = workspace;
        this.definition = definition;
        this.tasks = Map.copyOf(tasks);
    }

    /**
     * Runs one execution with this input.
     *
     * @throws IllegalStateException when the runner itself fails: invalid definition, a Task state
     *                               without a bound function, Node or its dependencies missing
     */
    public ExecutionResult run(JsonNode input) {
        List<Invocation> invocations = new CopyOnWriteArrayList<>();
        HttpServer server = startServer(invocations);
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            StateMachineWorkspace.NodeRun run = workspace.node("run-execution.mjs",
                    List.of("--endpoint", endpoint, "--definition", definition.toString(), "--wait-ms", "1"),
                    input.toString());
            if (run.exitCode() != 0 && run.exitCode() != 1) {
                throw new IllegalStateException("run-execution.mjs exited with " + run.exitCode() + ": " + run.stderr());
            }
            return result(JSON.readTree(run.stdout()), invocations);
        } catch (IOException e) {
            throw new UncheckedIOException("run-execution.mjs printed no JSON report", e);
        } finally {
            server.stop(0);
        }
    }

    private HttpServer startServer(List<Invocation> invocations) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    answer(exchange, invocations);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local endpoint for Task states", e);
        }
    }

    private void answer(HttpExchange exchange, List<Invocation> invocations) throws IOException {
        String state = exchange.getRequestURI().getPath().substring(1);
        Function<JsonNode, JsonNode> function = tasks.get(state);
        if (function == null) {
            // Not JSON on purpose: the runner treats it as its own failure, not as a Task error.
            send(exchange, 404, "no Java function is bound to the Task state '" + state + "'; bound: " + tasks.keySet());
            return;
        }
        JsonNode input = JSON.readTree(exchange.getRequestBody());
        invocations.add(new Invocation(state, input));
        JsonNode output;
        try {
            output = function.apply(input);
        } catch (LambdaServiceError e) {
            // The service refused the invocation: the runner raises it as Step Functions names it, not as a function error.
            send(exchange, 502, JSON.createObjectNode().put("serviceError", e.error()).put("cause", e.cause()).toString());
            return;
        } catch (FunctionError e) {
            send(exchange, 500, lambdaError(e.errorType(), e).toString());
            return;
        } catch (RuntimeException e) {
            send(exchange, 500, lambdaError(e.getClass().getName(), e).toString());
            return;
        }
        send(exchange, 200, String.valueOf(output == null ? JSON.nullNode() : output));
    }

    private static ObjectNode lambdaError(String errorType, RuntimeException e) {
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", e.getMessage());
        error.put("errorType", errorType);
        var stackTrace = error.putArray("stackTrace");
        Arrays.stream(e.getStackTrace()).limit(STACK_FRAMES_REPORTED).map(String::valueOf).forEach(stackTrace::add);
        return error;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 404 ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ExecutionResult result(JsonNode report, List<Invocation> invocations) {
        return new ExecutionResult(
                report.path("status").asText(),
                report.path("output"),
                report.path("error").textValue(),
                report.path("cause").textValue(),
                texts(report.path("visitedStates")),
                texts(report.path("retriedStates")),
                invocations);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
