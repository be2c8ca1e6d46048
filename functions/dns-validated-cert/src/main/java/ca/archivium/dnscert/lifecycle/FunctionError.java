package ca.archivium.dnscert.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failed Task as Step Functions sees it: {@code Error} (for a Lambda function error, the exception's type) and
 * {@code Cause} (the error document the Lambda runtime wrote, as JSON text).
 */
public final class FunctionError extends Exception {
    /** The ErrorEquals name that matches every error a Task can raise. */
    public static final String ALL = "States.ALL";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String error;
    private final String cause;

    public FunctionError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    /** What the Lambda Java runtime reports for an exception a handler throws. */
    public static FunctionError thrownByHandler(Throwable thrown) {
        ObjectNode document = JSON.createObjectNode()
            .put("errorMessage", thrown.getMessage())
            .put("errorType", thrown.getClass().getName());
        document.putArray("stackTrace");
        return new FunctionError(thrown.getClass().getName(), document.toString());
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
