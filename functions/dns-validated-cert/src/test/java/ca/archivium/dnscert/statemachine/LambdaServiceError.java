package ca.archivium.dnscert.statemachine;

import ca.archivium.dnscert.waitloop.TaskError;
import java.util.UUID;

/**
 * Thrown by a function bound to a Task state to make the Task fail as when the Lambda service itself refuses the
 * invocation (the function does not run): a SnapStart version that is not ready, throttling, the service's own
 * faults. Step Functions names such an error {@code Lambda.<exception>} and gives as its Cause the SDK's message,
 * {@code <message> (Service: Lambda, Status Code: <n>, Request ID: <id>)}, as the Lambda developer guide shows for
 * {@code Lambda.SnapStartTimeoutException} ("Troubleshooting SnapStart errors"). A {@link FunctionError} is the
 * other kind: the function ran and failed, and its Cause is the runtime's error document.
 */
public final class LambdaServiceError extends RuntimeException {

    private final String error;

    private LambdaServiceError(String error, String cause) {
        super(cause);
        this.error = error;
    }

    /**
     * An error the Invoke API answers with an HTTP status, such as {@code SnapStartNotReadyException} (409).
     *
     * @param exception  the exception's name in Lambda's service model, without the {@code Lambda.} prefix
     * @param httpStatus the status the model gives it
     * @param message    the service's message
     */
    public static LambdaServiceError of(String exception, int httpStatus, String message) {
        return new LambdaServiceError("Lambda." + exception, message + " (Service: Lambda, Status Code: " + httpStatus
                + ", Request ID: " + UUID.randomUUID() + ")");
    }

    /** An error raised before any answer came back (the SDK's client-side errors), so without a status. */
    public static LambdaServiceError clientSide(String exception, String message) {
        return new LambdaServiceError("Lambda." + exception, message);
    }

    /** Lambda's answer for a SnapStart version that is Inactive (Lambda developer guide, SnapStart troubleshooting). */
    public static LambdaServiceError snapStartNotReady() {
        return of("SnapStartNotReadyException", 409, "Lambda is initializing your function. It will be ready to invoke"
                + " once your function state becomes ACTIVE.");
    }

    /** The Task's error name, {@code Lambda.<exception>}. */
    public String error() {
        return error;
    }

    /** The Task's error Cause. */
    public String cause() {
        return getMessage();
    }

    /** The same error as the in-process state machine raises it. */
    public TaskError inProcess() {
        return new TaskError(error, getMessage());
    }
}
