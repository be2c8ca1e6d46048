package ca.archivium.dnscert.lambda.runtime;

import java.nio.charset.StandardCharsets;

/**
 * How one invocation ended, as the runtime reported it to the Runtime API: a response
 * ({@code POST /runtime/invocation/{id}/response}) or a function error ({@code POST /runtime/invocation/{id}/error}).
 *
 * @param requestId          the invocation's {@code Lambda-Runtime-Aws-Request-Id}
 * @param body               the response payload, or the error document ({@code errorMessage}, {@code errorType},
 *                           {@code stackTrace})
 * @param runtimeErrorType   for an error, the {@code Lambda-Runtime-Function-Error-Type} header (the runtime's
 *                           classification, such as {@code Runtime.UserException}); null for a response
 * @param failed             whether the runtime posted to {@code /error} rather than {@code /response}
 */
public record InvocationOutcome(String requestId, byte[] body, String runtimeErrorType, boolean failed) {

    static InvocationOutcome response(String requestId, byte[] body) {
        return new InvocationOutcome(requestId, body, null, false);
    }

    static InvocationOutcome error(String requestId, byte[] body, String runtimeErrorType) {
        return new InvocationOutcome(requestId, body, runtimeErrorType, true);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (failed ? "error (" + runtimeErrorType + ") " : "response ") + requestId + ": " + bodyText();
    }
}
