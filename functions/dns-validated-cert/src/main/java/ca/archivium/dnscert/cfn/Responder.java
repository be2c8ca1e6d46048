package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.log.Redaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a {@link CfnResponse} to its pre-signed ResponseURL: an HTTP PUT, retried with backoff on network
 * errors, 5xx, 429 and 408, refused up front when {@link ResponseUrlPolicy} does not allow the URL. The URL
 * appears in logs and messages only without its query string.
 */
public final class Responder {

    private static final Pattern S3_ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,64})</Code>");

    private final HttpClient http;
    private final ResponseUrlPolicy policy;
    private final RetrySchedule schedule;
    private final Sleeper sleeper;
    private final JsonLog log;

    /**
     * @param http     should not follow redirects (S3 never redirects a pre-signed PUT that is valid)
     * @param sleeper  waits between attempts
     */
    public Responder(HttpClient http, ResponseUrlPolicy policy, RetrySchedule schedule, Sleeper sleeper, JsonLog log) {
        this.http = http;
        this.policy = policy;
        this.schedule = schedule;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** A responder with the {@link RetrySchedule#standard() standard schedule}, blocking waits and its own client. */
    public static Responder standard(ResponseUrlPolicy policy, JsonLog log) {
        RetrySchedule schedule = RetrySchedule.standard();
        return new Responder(httpClient(schedule), policy, schedule, Sleeper.blocking(), log);
    }

    /** An HTTP/1.1 client (S3 speaks nothing newer) that never follows redirects. */
    public static HttpClient httpClient(RetrySchedule schedule) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(schedule.connectTimeout())
                .build();
    }

    /**
     * PUTs {@code response} to {@code responseUrl}.
     *
     * @return the accepting status and the number of attempts
     * @throws ResponseDeliveryException if the URL is not allowed, the answer is not retryable, or every
     *                                   attempt failed; it tells how many attempts were made and the last status
     */
    /** Why {@code responseUrl} would be refused, or empty when an answer may be sent there. */
    public Optional<String> refusal(String responseUrl) {
        return policy.rejectionReason(responseUrl);
    }

    public Delivery deliver(String responseUrl, CfnResponse response) {
        String shownUrl = Redaction.url(responseUrl);
        JsonLog urlLog = log.with("responseUrl", shownUrl);
        Optional<String> refusal = policy.rejectionReason(responseUrl);
        if (refusal.isPresent()) {
            urlLog.error("Response not sent: ResponseURL refused", Map.of("reason", refusal.get()), null);
            throw new ResponseDeliveryException("Response not sent: " + refusal.get(), 0, -1, false, null);
        }
        byte[] body = response.toJsonBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(responseUrl))
                .timeout(schedule.requestTimeout())
                // S3 checks the Content-Type against the one the URL was signed with, and CloudFormation
                // signs without one. java.net.http sends no Content-Type unless told, but accepts an empty
                // value, which is what CloudFormation's own helpers send. Content-Length is a restricted
                // header here: the client sets it from the byte-array publisher, exactly.
                .header("Content-Type", "")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        int lastStatus = -1;
        String lastProblem = "no attempt made";
        IOException lastError = null;
        for (int attempt = 1; attempt <= schedule.maxAttempts(); attempt++) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                lastStatus = answer.statusCode();
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
                    throw new ResponseDeliveryException("Response to " + shownUrl + " rejected with " + lastProblem
                            + why, attempt, lastStatus, false, null);
                }
            } catch (IOException e) {
                lastError = e;
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResponseDeliveryException("Response to " + shownUrl + " interrupted during attempt "
                        + attempt, attempt, lastStatus, true, null);
            }
            if (attempt < schedule.maxAttempts()) {
                Duration wait = schedule.delayBefore(attempt + 1);
                urlLog.warn("Response attempt failed, retrying", Map.of("attempt", attempt,
                        "problem", Redaction.text(lastProblem), "retryInMillis", wait.toMillis()));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ResponseDeliveryException("Response to " + shownUrl + " interrupted after "
                            + attempt + " attempts", attempt, lastStatus, true, null);
                }
            } else {
                urlLog.error("Response attempt failed, giving up", Map.of("attempt", attempt,
                        "problem", Redaction.text(lastProblem)), null);
            }
        }
        // The cause is rebuilt from the scrubbed message: the original's text is not ours to trust.
        throw new ResponseDeliveryException("Response to " + shownUrl + " not delivered after "
                + schedule.maxAttempts() + " attempts; last problem: " + Redaction.text(lastProblem),
                schedule.maxAttempts(), lastStatus, true, lastError == null ? null : new IOException(
                        lastError.getClass().getName() + ": " + Redaction.text(lastError.getMessage())));
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
