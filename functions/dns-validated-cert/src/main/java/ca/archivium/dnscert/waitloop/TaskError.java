package ca.archivium.dnscert.waitloop;

import ca.archivium.dnscert.json.JsonTrees;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A failed Task as Step Functions sees it: {@code Error} (for a Lambda function error, the exception's type) and
 * {@code Cause} (the error document the Lambda runtime wrote, as JSON text).
 */
public final class TaskError extends Exception {
    /** The ErrorEquals name that matches every error a Task can raise. */
    public static final String ALL = "States.ALL";

    private final String error;
    private final String cause;

    public TaskError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    /** What the Lambda Java runtime reports for an exception a handler throws. */
    public static TaskError thrownByHandler(Throwable thrown) {
        ObjectNode document = JsonNodeFactory.instance.objectNode()
            .put("errorMessage", thrown.getMessage())
            .put("errorType", thrown.getClass().getName());
        document.putArray("stackTrace");
        return new TaskError(thrown.getClass().getName(), JsonTrees.write(document));
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
