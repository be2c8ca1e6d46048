package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.MalformedRequestException;
import ca.archivium.dnscert.cfn.ReplyAddress;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.log.JsonLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/**
 * The answer to a CloudFormation request that Lambda gave up handing to the resource handler.
 *
 * <p>CloudFormation invokes the ServiceToken asynchronously (Lambda developer guide, "Using Lambda with
 * CloudFormation"). Lambda retries a function error twice and requeues throttled invocations and its own errors until
 * the event's maximum age, then drops the event (Lambda developer guide, "Asynchronous invocation"): nobody answers,
 * and the stack waits until ServiceTimeout. The resource handler's on-failure destination receives Lambda's invocation
 * record instead ({@code requestContext.condition} {@code RetriesExhausted} or {@code EventAgeExceeded},
 * {@code approximateInvokeCount}, the original event as {@code requestPayload}, and when the function ran,
 * {@code responsePayload}: its error; "Capturing records of Lambda asynchronous invocations"), and this answers the
 * request FAILED with that story. The physical id is {@link FailedAnswer}'s, as for any failure before a certificate
 * is known.
 */
public final class UnhandledRequests {
    private final Responder responder;
    private final JsonLog log;

    public UnhandledRequests(Responder responder, JsonLog log) {
        this.responder = responder;
        this.log = log;
    }

    /** Until closed, every line this thread logs carries {@code invocationId} (the destination's invocation). */
    public JsonLog.Scope invocation(String invocationId) {
        return log.invocation(invocationId);
    }

    /** Answers the request inside one invocation record FAILED; UNANSWERABLE when it holds no usable ResponseURL. */
    public Handled answer(byte[] invocationRecord) {
        JsonNode record;
        try {
            record = JsonTrees.read(invocationRecord);
        } catch (IOException e) {
            log.error("an invocation record that is not JSON cannot be answered", null);
            return Handled.UNANSWERABLE;
        }
        Failure reason = reason(record);
        CfnRequest request;
        try {
            request = CfnRequest.parse(record == null ? null : record.get("requestPayload"));
        } catch (MalformedRequestException e) {
            ReplyAddress to = e.replyAddress().orElse(null);
            if (to == null || to.responseUrl() == null || responder.refusal(to.responseUrl()).isPresent()) {
                log.error("an unhandled event cannot be answered: " + e.getMessage(), null);
                return Handled.UNANSWERABLE;
            }
            return deliver(to.responseUrl(), FailedAnswer.ofMalformed(to, reason), log);
        }
        JsonLog requestLog = RequestLog.of(log, request).with(JsonLog.PHASE, request.requestType().wireName());
        if (responder.refusal(request.responseUrl()).isPresent()) {
            requestLog.error("an unhandled request cannot be answered: its ResponseURL will not be used", null);
            return Handled.UNANSWERABLE;
        }
        requestLog.error("Lambda gave up handing this request to the resource handler; answering FAILED",
            Map.of("condition", record.path("requestContext").path("condition").asText("unknown"),
                "attempts", record.path("requestContext").path("approximateInvokeCount").asInt()), null);
        return deliver(request.responseUrl(), FailedAnswer.of(request, reason), requestLog);
    }

    private Handled deliver(String responseUrl, CfnResponse response, JsonLog requestLog) {
        return ResourceRequests.deliver(responder, responseUrl, response, requestLog);
    }

    /** What the record tells: why Lambda gave up, after how many attempts, and the last error the function raised. */
    static Failure reason(JsonNode record) {
        JsonNode context = record == null ? null : record.path("requestContext");
        String condition = context == null ? "" : context.path("condition").asText("");
        int attempts = context == null ? 0 : context.path("approximateInvokeCount").asInt();
        String why = switch (condition) {
            case "EventAgeExceeded" -> "its event grew older than the maximum age while Lambda could not run the"
                + " function (throttled, or a version that was not ready)";
            case "RetriesExhausted" -> "the function failed on every attempt";
            default -> "Lambda gave up on its event" + (condition.isEmpty() ? "" : " (" + condition + ")");
        };
        return Failure.notHandled(why, attempts,
            record == null ? null : RespondStep.runtimeError(record.path("responsePayload")).orElse(null));
    }
}
