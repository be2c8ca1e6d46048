package ca.archivium.dnscert.statemachine;

/**
 * Thrown by a function bound to a Task state to answer with a Lambda function error of a chosen
 * type, such as {@code Lambda.ServiceException}, which a Java exception class cannot be named.
 * Any other exception a bound function throws is answered as the Lambda Java runtime reports it:
 * its class name is the error type.
 */
public final class FunctionError extends RuntimeException {

    private final String errorType;

    public FunctionError(String errorType, String errorMessage) {
        super(errorMessage);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
