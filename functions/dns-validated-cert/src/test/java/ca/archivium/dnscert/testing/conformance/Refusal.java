package ca.archivium.dnscert.testing.conformance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A request the layer refused because AWS would have: who sent it, what it called, what AWS answers.
 *
 * @param scope     the test that was running (its class and method), or what the layer was started for
 * @param service   the service's id in its model ({@code ACM}, {@code Route 53}, ...)
 * @param operation the operation called
 * @param code      the error code answered ({@code ValidationException}, {@code InvalidInput}, ...)
 * @param message   the message answered
 */
public record Refusal(String scope, String service, String operation, String code, String message) {

    /** One line of the refusal log: a JSON object. */
    String logLine() {
        return JsonNodeFactory.instance.objectNode().put("scope", scope).put("service", service)
            .put("operation", operation).put("code", code).put("message", message).toString();
    }

    @Override
    public String toString() {
        return service + " " + operation + " (" + scope + "): " + code + ": " + message;
    }
}
