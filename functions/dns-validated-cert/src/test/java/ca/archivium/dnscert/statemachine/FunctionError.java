package ca.archivium.dnscert.statemachine;

/**
 * Thrown by a function bound to a Task state to answer with a Lambda function error of a chosen
 * type, one a Java exception class cannot be named (a handler may report any {@code errorType}).
 * Any other exception a bound function throws is answered as the Lambda Java runtime reports it:
 * its class name is the error type. Errors of the Lambda service itself ({@code Lambda.*}) are no
 * function errors: a bound function raises them as a {@link LambdaServiceError}.
 */
public final class FunctionError extends RuntimeException {

    private final String errorType;

    public FunctionError(String errorType, String errorMessage) {
        super(errorMessage);
        if (errorType.startsWith("Lambda.")) {
            throw new IllegalArgumentException(errorType + " is an error of the Lambda service, which Step Functions"
                    + " reports with the service's message as Cause: throw a LambdaServiceError");
        }
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
