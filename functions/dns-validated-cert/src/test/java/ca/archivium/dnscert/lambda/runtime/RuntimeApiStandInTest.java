package ca.archivium.dnscert.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The Runtime API stand-in alone, driven by a minimal runtime written here over plain HTTP. */
class RuntimeApiStandInTest {
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:f:live";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void nextWaitsForAnInvocationAndGivesItWithLambdasHeaders() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(ARN, Duration.ofSeconds(30))) {
            CompletableFuture<HttpResponse<String>> next = HTTP.sendAsync(get(api, "invocation/next"),
                HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            assertThat(next).as("next answers only once something is invoked").isNotDone();

            CompletableFuture<InvocationOutcome> outcome = CompletableFuture.supplyAsync(() -> invoke(api, "{\"a\":1}"));
            HttpResponse<String> invocation = next.get();
            assertThat(invocation.statusCode()).isEqualTo(200);
            assertThat(invocation.body()).isEqualTo("{\"a\":1}");
            String requestId = invocation.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            assertThat(invocation.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(ARN);
            assertThat(invocation.headers().firstValue("Lambda-Runtime-Trace-Id")).hasValueSatisfying(
                trace -> assertThat(trace).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"));
            long deadline = Long.parseLong(invocation.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
            assertThat(deadline - Instant.now().toEpochMilli()).as("milliseconds left").isBetween(20_000L, 30_000L);

            HttpResponse<String> posted = HTTP.send(post(api, "invocation/" + requestId + "/response", "{\"b\":2}", null),
                HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);
            assertThat(outcome.get().failed()).isFalse();
            assertThat(outcome.get().bodyText()).isEqualTo("{\"b\":2}");
            assertThat(api.served()).isEqualTo(1);
            assertThat(api.nextRequests()).isEqualTo(1);
        }
    }

    @Test
    void anErrorPostKeepsTheDocumentAndTheRuntimesErrorType() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(ARN, Duration.ofSeconds(30))) {
            CompletableFuture<InvocationOutcome> outcome = CompletableFuture.supplyAsync(() -> invoke(api, "{}"));
            HttpResponse<String> invocation = HTTP.send(get(api, "invocation/next"), HttpResponse.BodyHandlers.ofString());
            String requestId = invocation.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            String error = "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[]}";

            HTTP.send(post(api, "invocation/" + requestId + "/error", error, "Runtime.UserException"),
                HttpResponse.BodyHandlers.ofString());

            assertThat(outcome.get().failed()).isTrue();
            assertThat(outcome.get().bodyText()).isEqualTo(error);
            assertThat(outcome.get().runtimeErrorType()).isEqualTo("Runtime.UserException");
            HttpResponse<String> again = HTTP.send(post(api, "invocation/" + requestId + "/response", "{}", null),
                HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("a second answer to the same invocation").isEqualTo(400);
            assertThat(api.unexpected()).hasSize(1);
        }
    }

    @Test
    void anInitErrorFailsTheInvocationsWithTheRuntimesDocument() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(ARN, Duration.ofSeconds(30))) {
            HTTP.send(post(api, "init/error", "{\"errorMessage\":\"Class not found: x.Y\","
                + "\"errorType\":\"java.lang.ClassNotFoundException\"}", "Runtime.BadFunctionCode"),
                HttpResponse.BodyHandlers.ofString());

            assertThat(api.initError()).hasValueSatisfying(error -> assertThat(error.bodyText()).contains("x.Y"));
            assertThatThrownBy(() -> api.invoke(new byte[0], Duration.ofSeconds(5), () -> true))
                .hasMessageContaining("init error").hasMessageContaining("Class not found: x.Y");
        }
    }

    @Test
    void anInvocationFailsAtOnceWhenTheRuntimeIsGone() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(ARN, Duration.ofSeconds(30))) {
            Instant start = Instant.now();
            assertThatThrownBy(() -> api.invoke(new byte[0], Duration.ofSeconds(30), () -> false))
                .hasMessageContaining("exited");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void whatTheStandInDoesNotImplementIsRecorded() throws Exception {
        try (RuntimeApiStandIn api = RuntimeApiStandIn.start(ARN, Duration.ofSeconds(30))) {
            HttpResponse<String> answer = HTTP.send(get(api, "extension/register"), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(api.unexpected()).containsExactly("GET /2018-06-01/runtime/extension/register");
        }
    }

    private static InvocationOutcome invoke(RuntimeApiStandIn api, String payload) {
        try {
            return api.invoke(payload.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), () -> true);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(RuntimeApiStandIn api, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path)).build();
    }

    private static HttpRequest post(RuntimeApiStandIn api, String path, String body, String errorType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            builder.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return builder.build();
    }
}
