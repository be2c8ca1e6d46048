package ca.archivium.dnscert.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.archivium.dnscert.log.JsonLog;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResponderTest {

    private static final String SIGNATURE = "5ec7e75ec7e75ec7e75ec7e7";
    private static final String QUERY = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE"
            + "%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=" + SIGNATURE;
    private static final ResponseUrlPolicy LOCAL = new ResponseUrlPolicy("http://127.0.0.1:", "us-east-1");

    /** What the S3 stand-in received. */
    private record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private final List<Duration> waits = new ArrayList<>();
    private final ByteArrayOutputStream logOutput = new ByteArrayOutputStream();
    private HttpServer bucket;
    private Responder responder;

    @BeforeEach
    void startBucket() throws IOException {
        bucket = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bucket.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body));
            if (failuresLeft.getAndDecrement() > 0) {
                byte[] error = ("<Error><Code>" + (failureStatus == 403 ? "AccessDenied" : "InternalError")
                        + "</Code></Error>").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(failureStatus, error.length);
                exchange.getResponseBody().write(error);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        bucket.start();
        JsonLog log = new JsonLog(new PrintStream(logOutput, true, StandardCharsets.UTF_8), Clock.systemUTC());
        RetrySchedule schedule = RetrySchedule.standard();
        responder = new Responder(LOCAL, schedule, waits::add, log);
    }

    @AfterEach
    void stopBucket() {
        bucket.stop(0);
    }

    private String responseUrl() {
        return "http://127.0.0.1:" + bucket.getAddress().getPort() + "/arn%3Aaws%3Acloudformation/Cert/req-1" + QUERY;
    }

    private static CfnResponse success() {
        ReplyAddress to = new ReplyAddress("unused", "arn:aws:cloudformation:us-east-1:1:stack/web/guid", "req-1",
                "Cert", null);
        return CfnResponse.success(to, "arn:aws:acm:us-east-1:1:certificate/abc",
                Map.of("Arn", "arn:aws:acm:us-east-1:1:certificate/abc"), Set.of("Arn"));
    }

    private String logText() {
        return logOutput.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theBodyArrivesAsS3SeesItWithAnEmptyContentType() {
        CfnResponse response = success();

        Delivery delivery = responder.deliver(responseUrl(), response);

        assertThat(delivery).isEqualTo(new Delivery(200, 1));
        assertThat(received).hasSize(1);
        Received put = received.get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.body()).isEqualTo(ResponseBody.toJsonBytes(response));
        assertThat(put.headers().get("Content-Type")).as("present and empty, as the URL was signed without one")
                .containsExactly("");
        assertThat(put.headers().getFirst("Content-Length")).isEqualTo(String.valueOf(ResponseBody.toJsonBytes(response).length));
        assertThat(waits).as("no wait before the first attempt").isEmpty();
    }

    @Test
    void rule9_serverErrorsAreRetriedUntilOneBodyIsDelivered() {
        failuresLeft.set(4);

        Delivery delivery = responder.deliver(responseUrl(), success());

        assertThat(delivery.attempts()).isEqualTo(5);
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(received).as("four refused PUTs and one accepted").hasSize(5);
        assertThat(waits).hasSize(4);
        for (int i = 0; i < waits.size(); i++) {
            Duration ceiling = RetrySchedule.standard().delayCeilingBefore(i + 2);
            assertThat(waits.get(i)).as("wait %d is jittered within its exponential step", i + 1)
                    .isBetween(ceiling.dividedBy(2), ceiling);
        }
    }

    @Test
    void throttlingIsRetried() {
        failureStatus = 429;
        failuresLeft.set(1);

        assertThat(responder.deliver(responseUrl(), success()).attempts()).isEqualTo(2);
    }

    @Test
    void anExpiredUrlIsNotRetried() {
        failureStatus = 403;
        failuresLeft.set(10);

        ResponseDeliveryException error = catchThrowableOfType(ResponseDeliveryException.class,
                () -> responder.deliver(responseUrl(), success()));

        assertThat(error).as("a 403 must fail the delivery").isNotNull();
        assertThat(received).as("S3's 403 will not change on a retry").hasSize(1);
        assertThat(error.attempts()).isEqualTo(1);
        assertThat(error.lastStatus()).hasValue(403);
        assertThat(error.retryable()).isFalse();
        assertThat(error).hasMessageContaining("HTTP 403 AccessDenied").hasMessageContaining("expired")
                .hasMessageNotContaining(SIGNATURE);
    }

    @Test
    void everyAttemptFailingGivesUpAfterTheScheduleWithARedactedMessage() {
        failuresLeft.set(100);

        ResponseDeliveryException error = catchThrowableOfType(ResponseDeliveryException.class,
                () -> responder.deliver(responseUrl(), success()));

        assertThat(error).as("six 500s must fail the delivery").isNotNull();
        assertThat(received).hasSize(RetrySchedule.standard().maxAttempts());
        assertThat(error.attempts()).isEqualTo(RetrySchedule.standard().maxAttempts());
        assertThat(error.lastStatus()).hasValue(500);
        assertThat(error.retryable()).isTrue();
        assertThat(error).hasMessageContaining("HTTP 500 InternalError").hasMessageNotContaining(SIGNATURE);
    }

    @Test
    void anUnreachableBucketGivesUpAfterTheConfiguredTries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RetrySchedule fiveTries = new RetrySchedule(5, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofSeconds(1));
        Responder toNowhere = new Responder(LOCAL, fiveTries, waits::add,
                new JsonLog(new PrintStream(logOutput, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        String url = "http://127.0.0.1:" + closedPort + "/Cert" + QUERY;

        ResponseDeliveryException error = catchThrowableOfType(ResponseDeliveryException.class,
                () -> toNowhere.deliver(url, success()));

        assertThat(error).as("nothing listens on port %d", closedPort).isNotNull();
        assertThat(error.attempts()).isEqualTo(5);
        assertThat(error.lastStatus()).as("no attempt got an HTTP answer").isEmpty();
        assertThat(error.retryable()).isTrue();
        assertThat(waits).hasSize(4);
        assertThat(error).hasMessageContaining("not delivered after 5 attempts")
                .hasMessageContaining("http://127.0.0.1:" + closedPort + "/Cert?<redacted>")
                .hasMessageNotContaining(SIGNATURE);
        assertThat(logText()).doesNotContain(SIGNATURE).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void aUrlThePolicyRefusesIsNeverContacted() {
        Responder awsOnly = new Responder(new ResponseUrlPolicy("", "us-east-1"), RetrySchedule.standard(), waits::add,
                new JsonLog(new PrintStream(logOutput, true, StandardCharsets.UTF_8), Clock.systemUTC()));

        ResponseDeliveryException error = catchThrowableOfType(ResponseDeliveryException.class,
                () -> awsOnly.deliver(responseUrl(), success()));

        assertThat(error).as("http to 127.0.0.1 is not allowed without a prefix").isNotNull();
        assertThat(received).isEmpty();
        assertThat(error.attempts()).isZero();
        assertThat(error.retryable()).isFalse();
        assertThat(error).hasMessageContaining("is not https").hasMessageNotContaining(SIGNATURE);
    }

    @Test
    void theLogNeverShowsTheQueryString() {
        failuresLeft.set(2);

        responder.deliver(responseUrl(), success());

        assertThat(logText()).contains("Response delivered").contains("?<redacted>")
                .doesNotContain(SIGNATURE).doesNotContain("X-Amz-Credential").doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void theStandardScheduleTriesAtLeastFiveTimesWithinAboutHalfAMinute() {
        RetrySchedule standard = RetrySchedule.standard();

        assertThat(standard.maxAttempts()).isGreaterThanOrEqualTo(5);
        assertThat(standard.worstCaseTotal()).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }
}
