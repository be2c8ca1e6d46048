package ca.archivium.dnscert.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules 1 and 9 where the request itself decides whether it can be answered: a ResponseURL the resource will not
 * send to means nobody would ever hear of a certificate, so nothing may be created; a wait-loop document that
 * still carries its request must still be answered.
 */
@IntegrationTest
class AnswerabilityTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @ParameterizedTest
    @ValueSource(strings = {
        "http://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/stack%7CCertificate%7C1?X-Amz-Signature=abc",
        "https://responses.attacker.example.net/stack%7CCertificate%7C1?X-Amz-Signature=abc",
        "ftp://s3.amazonaws.com/stack%7CCertificate%7C1"})
    void createWithAResponseUrlThatWillNotBeUsedCreatesNothing(String responseUrl) {
        ObjectNode event = cfn.event("create.json").put("ResponseURL", responseUrl);

        try {
            cfn.deliver(event);
        } catch (RuntimeException refused) {
            assertThat(refused.getMessage()).as("the refusal says why").contains("ResponseURL");
        }

        assertThat(cfn.sink().received()).isEmpty();
        assertThat(cfn.proxy().calls("RequestCertificate"))
            .as("no certificate may be requested for a request whose answer cannot be sent").isZero();
        assertThat(cfn.certificateArns()).as("an unanswerable request must not leave a certificate behind").isEmpty();
    }

    @Test
    void stepDocumentMissingItsPhaseIsStillAnsweredFailedNamingWhatIsMissing() {
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        ObjectNode step = (ObjectNode) cfn.waitLoop().input(cfn.waitLoop().executionNames().get(0)).deepCopy();
        step.remove("phase");
        // What the state machine's Catch hands to Respond after Reconcile refused the document.
        step.putObject("error").put("Error", "java.lang.IllegalArgumentException")
            .put("Cause", "{\"errorMessage\":\"not a wait-loop step document (request, phase or plan missing)\","
                + "\"errorType\":\"java.lang.IllegalArgumentException\"}");

        try {
            cfn.lifecycle().respond().respond(step);
        } catch (RuntimeException e) {
            throw new AssertionError("Respond threw instead of answering, so the stack waits until ServiceTimeout: " + e, e);
        }

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("phase");
        assertThat(answer.physicalResourceId()).as("the rollback Delete must know the certificate")
            .isEqualTo(cfn.certificateArns().get(0));
    }
}
