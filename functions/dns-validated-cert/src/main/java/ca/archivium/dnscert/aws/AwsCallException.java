package ca.archivium.dnscert.aws;

/**
 * An AWS call that failed after the SDK's own retries. The message always starts with the operation
 * ("RequestCertificate failed: LimitExceededException: …") because it ends up in a stack event.
 */
public final class AwsCallException extends RuntimeException {
    private final String operation;
    private final String errorCode;
    private final boolean throttling;

    public AwsCallException(String operation, String errorCode, String detail, boolean throttling, Throwable cause) {
        super(operation + " failed: " + (errorCode == null ? "" : errorCode + ": ") + detail, cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.throttling = throttling;
    }

    /** The AWS API operation, such as {@code DescribeCertificate}. */
    public String operation() {
        return operation;
    }

    /** The service's error code, such as {@code ResourceInUseException}, or null for client-side failures. */
    public String errorCode() {
        return errorCode;
    }

    /** True when the service was still throttling after the SDK's retries: worth another try later. */
    public boolean throttling() {
        return throttling;
    }
}
