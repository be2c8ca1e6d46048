package ca.archivium.dnscert.aws;

import ca.archivium.dnscert.failure.AwsCallException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one SDK call and turns its failure into an {@link AwsCallException} that names the operation. */
public final class AwsCalls {
    private AwsCalls() {
    }

    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new AwsCallException(operation, code, message, worthAnotherTryLater(code, e.isThrottlingException()), e);
        } catch (SdkException e) {
            throw new AwsCallException(operation, null, rootMessage(e), false, e);
        }
    }

    /**
     * True for a failure that goes away by itself: throttling, Route 53's {@code PriorRequestNotComplete} (a change
     * to the zone is still being applied) and ACM's {@code ConflictException}. The SDK retries
     * PriorRequestNotComplete as an ordinary retryable error, not as throttling: aws-sdk-java-v2 lists it in
     * {@code AwsErrorCode.RETRYABLE_ERROR_CODES}, not in {@code THROTTLING_ERROR_CODES}, and Route 53 answers it with
     * HTTP 400, so {@code isThrottlingException()} is false. When it outlasts the SDK's retries it is waited out in
     * the loop, as throttling is.
     * <p>
     * ConflictException is in neither list, so the SDK does not retry it at all. ACM's model lists it for
     * DeleteCertificate: "You are trying to update a resource or configuration that is already being created or
     * updated. Wait for the previous operation to finish and try again." (botocore {@code acm/2015-12-08}; whether
     * ACM answers it to a delete right after RequestCertificate or AddTagsToCertificate is not documented). Of the
     * calls the product makes, only DeleteCertificate has it in its model, so the code alone decides.
     */
    static boolean worthAnotherTryLater(String errorCode, boolean sdkThrottling) {
        return sdkThrottling || "PriorRequestNotComplete".equals(errorCode) || "ConflictException".equals(errorCode);
    }

    public static void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    /** The innermost message: for "Unable to execute HTTP request" the useful part is the cause. */
    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(" (").append(cause.getMessage()).append(')');
            }
            cause = cause.getCause();
        }
        return message.toString();
    }
}
