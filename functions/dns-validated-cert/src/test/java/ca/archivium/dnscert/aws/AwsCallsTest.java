package ca.archivium.dnscert.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.failure.AwsCallException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** How an SDK failure is reported: the operation named, and whether it is worth another try later. */
class AwsCallsTest {
    private static AwsServiceException answered(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static AwsCallException failure(AwsServiceException e) {
        return failure("ChangeResourceRecordSets", e);
    }

    private static AwsCallException failure(String operation, AwsServiceException e) {
        try {
            AwsCalls.call(operation, () -> {
                throw e;
            });
        } catch (AwsCallException reported) {
            return reported;
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void route53sPriorRequestNotCompleteIsWorthAnotherTryLaterThoughTheSdkDoesNotCallItThrottling() {
        AwsServiceException busy = answered(400, "PriorRequestNotComplete",
            "The request was rejected because Route 53 was still processing a prior request.");
        assertThat(busy.isThrottlingException()).as("the SDK's own view (HTTP 400, not a throttling code)").isFalse();

        AwsCallException reported = failure(busy);

        assertThat(reported.retryableLater()).as("waited out in the loop, as throttling is").isTrue();
        assertThat(reported.getMessage()).startsWith("ChangeResourceRecordSets failed: PriorRequestNotComplete: ");
    }

    @Test
    void acmsConflictExceptionOnDeleteCertificateIsWorthAnotherTryLaterThoughTheSdkDoesNotRetryIt() {
        // ACM's model (DeleteCertificate): "You are trying to update a resource or configuration that is already
        // being created or updated. Wait for the previous operation to finish and try again."
        AwsServiceException conflict = answered(400, "ConflictException",
            "You are trying to update a resource or configuration that is already being created or updated.");
        assertThat(conflict.isThrottlingException()).as("the SDK's own view (HTTP 400, not a throttling code)").isFalse();

        AwsCallException reported = failure("DeleteCertificate", conflict);

        assertThat(reported.retryableLater()).as("waited out in the loop, as throttling is").isTrue();
        assertThat(reported.getMessage()).startsWith("DeleteCertificate failed: ConflictException: ");
    }

    @Test
    void throttlingIsWorthAnotherTryAndARefusalIsNot() {
        assertThat(failure(answered(400, "Throttling", "Rate exceeded")).retryableLater()).isTrue();
        assertThat(failure(answered(400, "InvalidChangeBatch", "bad batch")).retryableLater()).isFalse();
        assertThatThrownBy(() -> AwsCalls.run("ListHostedZonesByName", () -> {
            throw answered(400, "AccessDenied", "not allowed");
        })).isInstanceOf(AwsCallException.class).hasMessage("ListHostedZonesByName failed: AccessDenied: not allowed");
    }

    @Test
    void adviceFollowsTheServicesMessageAndKeepsTheOperationAndCode() {
        AwsCallException advised = new AwsCallException("RequestCertificate", "LimitExceededException",
            "Certificate has too many domains.", false, null).withAdvice("raise the quota");

        assertThat(advised.getMessage())
            .isEqualTo("RequestCertificate failed: LimitExceededException: Certificate has too many domains. raise the quota");
        assertThat(advised.errorCode()).isEqualTo("LimitExceededException");
    }
}
