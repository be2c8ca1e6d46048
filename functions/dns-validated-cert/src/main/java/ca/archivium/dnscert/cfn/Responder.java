package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.log.Redaction;
import ca.archivium.dnscert.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a {@link CfnResponse} to its pre-signed ResponseURL: an HTTP PUT, retried with backoff on network
 * errors, 5xx, 429 and 408, refused up front when {@link ResponseUrlPolicy} does not allow the URL. The URL
 * appears in logs and messages only without its query string.
 *
 * <p>The PUT goes through {@link HttpURLConnection}, which the SDK's HTTP client loads anyway, not
 * {@code java.net.http}: on Java 17 that client's selector thread, idle in native code, makes every JVM exit
 * wait about 0.3 s, and building the client costs about 0.04 s more.
 */
public final class Responder {

    private static final Pattern S3_ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,64})</Code>");

    private final ResponseUrlPolicy policy;
    private final RetrySchedule schedule;
    private final Sleeper sleeper;
    private final JsonLog log;

    /**
     * @param sleeper  waits between attempts
     */
    public Responder(ResponseUrlPolicy policy, RetrySchedule schedule, Sleeper sleeper, JsonLog log) {
        this.policy = policy;
        this.schedule = schedule;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** A responder with the {@link RetrySchedule#standard() standard schedule}, each wait at most its longest. */
    public static Responder standard(ResponseUrlPolicy policy, JsonLog log) {
        RetrySchedule schedule = RetrySchedule.standard();
        return new Responder(policy, schedule, Sleeper.atMost(schedule.maxDelay()), log);
    }

    /** Why {@code responseUrl} would be refused, or empty when an answer may be sent there. */
    public Optional<String> refusal(String responseUrl) {
        return policy.rejectionReason(responseUrl);
    }

    /**
     * PUTs {@code response} to {@code responseUrl}.
     *
     * @return the accepting status and the number of attempts
     * @throws ResponseDeliveryException if the URL is not allowed, the answer is not retryable, or every
     *                                   attempt failed; it tells how many attempts were made and the last status
     */
    public Delivery deliver(String responseUrl, CfnResponse response) {
        // The URL's query is its signature, a bearer secret: the log shows the bucket and key alone.
        String redactedUrl = Redaction.url(responseUrl);
        JsonLog urlLog = log.with(JsonLog.REQUEST_ID, response.requestId())
                .with(JsonLog.LOGICAL_ID, response.logicalResourceId()).with("responseUrl", redactedUrl);
        Optional<String> refusal = policy.rejectionReason(responseUrl);
        if (refusal.isPresent()) {
            urlLog.error("Response not sent: ResponseURL refused", Map.of("reason", refusal.get()), null);
            throw new ResponseDeliveryException("Response not sent: " + refusal.get(), 0, -1, false, null);
        }
        byte[] body = ResponseBody.toJsonBytes(response);

        int lastStatus = -1;
        String lastProblem = "no attempt made";
        IOException lastError = null;
        for (int attempt = 1; attempt <= schedule.maxAttempts(); attempt++) {
            try {
                Answer answer = put(responseUrl, body);
                lastStatus = answer.status();
                if (lastStatus / 100 == 2) {
                    urlLog.info("Response delivered", Map.of("attempt", attempt, "httpStatus", lastStatus,
                            "status", response.status(), "bodyBytes", body.length));
                    return new Delivery(lastStatus, attempt);
                }
                lastError = null;
                lastProblem = "HTTP " + lastStatus + s3ErrorCode(answer.body());
                if (!isRetryable(lastStatus)) {
                    String why = lastStatus == 403
                            ? "; S3 refused the pre-signed URL: it has expired or the request differs from what"
                              + " was signed. Not retried: the same URL will be refused again"
                            : "; not retryable";
                    urlLog.error("Response rejected", Map.of("attempt", attempt, "httpStatus", lastStatus,
                            "problem", lastProblem), null);
                    throw new ResponseDeliveryException("Response to " + redactedUrl + " rejected with " + lastProblem
                            + why, attempt, lastStatus, false, null);
                }
            } catch (IOException e) {
                lastError = e;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt < schedule.maxAttempts()) {
                Duration wait = schedule.delayBefore(attempt + 1);
                urlLog.warn("Response attempt failed, retrying", Map.of("attempt", attempt,
                        "problem", Redaction.text(lastProblem), "retryInMillis", wait.toMillis()));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ResponseDeliveryException("Response to " + redactedUrl + " interrupted after "
                            + attempt + " attempts", attempt, lastStatus, true, null);
                }
            } else {
                urlLog.error("Response attempt failed, giving up", Map.of("attempt", attempt,
                        "problem", Redaction.text(lastProblem)), null);
            }
        }
        // The cause is rebuilt from the scrubbed message: the original's text is not ours to trust.
        throw new ResponseDeliveryException("Response to " + redactedUrl + " not delivered after "
                + schedule.maxAttempts() + " attempts; last problem: " + Redaction.text(lastProblem),
                schedule.maxAttempts(), lastStatus, true, lastError == null ? null : new IOException(
                        lastError.getClass().getName() + ": " + Redaction.text(lastError.getMessage())));
    }

    /** What one PUT got back: the status and the body (S3's error document when it refused). */
    private record Answer(int status, String body) {
    }

    private Answer put(String responseUrl, byte[] body) throws IOException {
        // No proxy and no redirects: S3 never redirects a pre-signed PUT that is valid.
        HttpURLConnection connection = (HttpURLConnection) URI.create(responseUrl).toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod("PUT");
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(Math.toIntExact(schedule.connectTimeout().toMillis()));
        connection.setReadTimeout(Math.toIntExact(schedule.requestTimeout().toMillis()));
        // S3 checks the Content-Type against the one the URL was signed with, and CloudFormation signs without
        // one. An empty value is what CloudFormation's own helpers send. A fixed length also means the connection
        // never resends the body on its own.
        connection.setRequestProperty("Content-Type", "");
        connection.setFixedLengthStreamingMode(body.length);
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        // Reading the answer to its end lets the connection be reused for a retry.
        try (InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Answer(status, answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Throttling, request timeouts and server errors pass; anything else will be answered the same again. */
    static boolean isRetryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    private static String s3ErrorCode(String body) {
        if (body == null) {
            return "";
        }
        Matcher code = S3_ERROR_CODE.matcher(body);
        return code.find() ? " " + code.group(1) : "";
    }
}
