package ca.archivium.dnscert.failure;

/**
 * An AWS call that failed after the SDK's own retries. Its message ({@link Failure#awsCallMessage}) always starts with
 * the operation ("RequestCertificate failed: LimitExceededException: …") because it ends up in a stack event. The gateways
 * throw it ({@code aws/AwsCalls} says which failures pass with time); the wait loop's {@code Transition} alone decides
 * whether one is tried again later or fails the request.
 */
public final class AwsCallException extends RuntimeException {
    private final String operation;
    private final String errorCode;
    private final String detail;
    private final boolean retryableLater;

    public AwsCallException(String operation, String errorCode, String detail, boolean retryableLater, Throwable cause) {
        super(Failure.awsCallMessage(operation, errorCode, detail), cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.detail = detail;
        this.retryableLater = retryableLater;
    }

    /** The same failure with {@code advice} (what it means, what to do) after the service's own message. */
    public AwsCallException withAdvice(String advice) {
        return new AwsCallException(operation, errorCode, detail + (detail.endsWith(".") ? " " : ". ") + advice,
            retryableLater, getCause());
    }

    /** The AWS API operation, such as {@code DescribeCertificate}. */
    public String operation() {
        return operation;
    }

    /** What the service said (its error message), or what went wrong on the client. */
    public String detail() {
        return detail;
    }

    /** The service's error code, such as {@code ResourceInUseException}, or null for client-side failures. */
    public String errorCode() {
        return errorCode;
    }

    /**
     * True when the service was still throttling after the SDK's retries, or answered that an earlier operation was
     * still being applied (Route 53's PriorRequestNotComplete, ACM's ConflictException): worth another try later.
     */
    public boolean retryableLater() {
        return retryableLater;
    }
}
