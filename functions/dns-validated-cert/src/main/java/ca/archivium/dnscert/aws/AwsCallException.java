package ca.archivium.dnscert.aws;

/**
 * An AWS call that failed after the SDK's own retries. The message always starts with the operation
 * ("RequestCertificate failed: LimitExceededException: …") because it ends up in a stack event.
 */
public final class AwsCallException extends RuntimeException {
    private final String operation;
    private final String errorCode;
    private final String detail;
    private final boolean throttling;

    public AwsCallException(String operation, String errorCode, String detail, boolean throttling, Throwable cause) {
        super(operation + " failed: " + (errorCode == null ? "" : errorCode + ": ") + detail, cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.detail = detail;
        this.throttling = throttling;
    }

    /** The same failure with {@code advice} (what it means, what to do) after the service's own message. */
    public AwsCallException withAdvice(String advice) {
        return new AwsCallException(operation, errorCode, detail + (detail.endsWith(".") ? " " : ". ") + advice,
            throttling, getCause());
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
     * True when the service was still throttling after the SDK's retries (or Route 53 still answered
     * PriorRequestNotComplete: a change to the zone was still being applied): worth another try later.
     */
    public boolean throttling() {
        return throttling;
    }
}
