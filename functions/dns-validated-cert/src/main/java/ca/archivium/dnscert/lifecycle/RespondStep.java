package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.Delivery;
import ca.archivium.dnscert.cfn.Responder;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.json.JsonTrees;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * The wait loop's last step: answer CloudFormation from the step document. Also reached through the state
 * machine's Catch, with {@code error} set, when a step failed in a way Java could not report itself. The loop's first
 * state invokes it asynchronously with {@code {"wake": true}}, which does nothing: it only makes Lambda ready the
 * function's version (after quiet weeks, a SnapStart version is Inactive until something invokes it) long before the
 * answer is due.
 */
public final class RespondStep {
    /** The payload of the state machine's WakeRespond state. */
    static final String WAKE = "wake";

    private final CertificateEngine engine;
    private final ResponseUrlSeal seal;
    private final Responder responder;
    private final JsonLog log;

    public RespondStep(CertificateEngine engine, ResponseUrlSeal seal, Responder responder, JsonLog log) {
        this.engine = engine;
        this.seal = seal;
        this.responder = responder;
        this.log = log;
    }

    /** Delivers the answer; returns a small summary (never the ResponseURL) as the execution's output. */
    public Map<String, Object> respond(JsonNode input) {
        if (input != null && input.path(WAKE).asBoolean(false)) {
            log.info("woken ahead of the answer");
            return Map.of(WAKE, true);
        }
        StepState state = outcome(input);
        CfnRequest request = CfnRequest.parse(state.request());
        CfnResponse response = StepAnswer.of(engine, request, state);
        String responseUrl = seal.open(request.responseUrl(), ResponseUrlSeal.contextOf(request));
        Delivery delivery = responder.deliver(responseUrl, response);
        RequestLog.of(log, request).with(JsonLog.CERTIFICATE_ARN, state.certificateArn()).info("answered CloudFormation",
            Map.of("status", response.status().name(), "attempts", delivery.attempts()));
        return Map.of("status", response.status().name(), "physicalResourceId", response.physicalResourceId());
    }

    /**
     * What the loop ended with: the last step document, FAILED with the step's error when the state machine's Catch
     * brought it here ({@code error}: {@code Error} and {@code Cause}).
     *
     * @throws IllegalArgumentException when the input is no step document and carries no request to answer
     */
    public static StepState outcome(JsonNode input) {
        StepState state = readable(input);
        JsonNode error = input.get("error");
        return error == null ? state : state.failed(Failure.errorWhileWaiting(cause(error)));
    }

    /**
     * The step document, or, when it is incomplete (a bug, or a document from another version), what can still be
     * read of it: as long as it carries the request, CloudFormation gets a FAILED answer rather than a stack that
     * waits until ServiceTimeout.
     */
    private static StepState readable(JsonNode input) {
        try {
            return StepStates.fromJson(input);
        } catch (IllegalArgumentException e) {
            JsonNode request = input.get("request");
            if (request == null || !request.isObject()) {
                throw e;
            }
            String arn = input.hasNonNull("certificateArn") ? input.get("certificateArn").asText() : null;
            return StepState.unreadable(request, arn, Failure.unreadableStep(e.getMessage()));
        }
    }

    /** Step Functions gives a Lambda failure's Cause as the JSON the runtime wrote: keep its errorMessage. */
    private static String cause(JsonNode error) {
        String cause = error.path("Cause").asText("");
        try {
            Optional<String> written = runtimeError(JsonTrees.read(cause));
            if (written.isPresent()) {
                return written.get();
            }
        } catch (java.io.IOException notJson) {
            // a plain-text cause is used as it is
        }
        String name = error.path("Error").asText("error");
        return cause.isEmpty() ? name : name + ": " + cause;
    }

    /**
     * The error document the Lambda runtime writes for a function that failed ({@code errorType}, {@code errorMessage}),
     * as {@code "type: message"}; empty when {@code document} is not one.
     */
    static Optional<String> runtimeError(JsonNode document) {
        if (document == null || !document.hasNonNull("errorMessage")) {
            return Optional.empty();
        }
        return Optional.of(document.path("errorType").asText("error") + ": " + document.get("errorMessage").asText());
    }
}
