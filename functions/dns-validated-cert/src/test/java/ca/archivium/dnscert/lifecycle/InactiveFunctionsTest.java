package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.statemachine.LambdaServiceError;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After two quiet weeks the SnapStart versions of Reconcile and Respond are Inactive, and Lambda refuses their first
 * invocations with {@code SnapStartNotReadyException} until it has made their snapshots again (Lambda developer guide,
 * "Troubleshooting SnapStart errors"). The wait loop's Retry rides that out, and a version that never comes back
 * is still answered, FAILED with the service's message.
 */
@IntegrationTest
class InactiveFunctionsTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void createWhoseStepsAreNotReadyForFiveMinutesIsAnsweredSuccessOnce() {
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.refuseInvocations("Reconcile", 7, LambdaServiceError.snapStartNotReady().inProcess());
        cfn.refuseInvocations("Respond", 7, LambdaServiceError.snapStartNotReady().inProcess());
        Instant start = cfn.clock().instant();

        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).as("answered once: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
        assertThat(Duration.between(start, cfn.clock().instant()))
            .as("both versions came back within the not-ready retries (255 s each here)")
            .isGreaterThanOrEqualTo(Duration.ofSeconds(2 * 255));
    }

    @Test
    void reconcileWhoseVersionNeverComesBackIsAnsweredFailedWithTheServicesMessage() {
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.refuseInvocations("Reconcile", Integer.MAX_VALUE, LambdaServiceError.snapStartNotReady().inProcess());

        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("the reason says what Lambda said")
            .contains("Lambda.SnapStartNotReadyException", "Lambda is initializing your function", "Status Code: 409");
        assertThat(answer.physicalResourceId()).as("the rollback Delete removes the requested certificate")
            .isEqualTo(cfn.certificateArns().get(0));
    }
}
