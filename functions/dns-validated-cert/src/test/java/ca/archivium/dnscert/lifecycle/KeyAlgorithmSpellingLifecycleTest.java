package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path that reads a certificate's key algorithm back from ACM reads ACM's answer spelling ({@code EC-prime256v1}
 * for a certificate requested as {@code EC_prime256v1}): reuse, an update in place (the held certificate), and the
 * rollback that returns to it. The conformance layer answers as ACM does, in the hyphen spelling.
 */
@IntegrationTest
class KeyAlgorithmSpellingLifecycleTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void anEcCertificateIsReusedHeldOnUpdateAndReturnedToOnRollback() {
        ObjectNode first = ec(fresh(cfn.event("create.json")));
        String arn = answerTo(first).physicalResourceId();

        ObjectNode second = ec(fresh(cfn.event("create.json")).put("LogicalResourceId", "SecondCertificate"));
        ((ObjectNode) second.path("ResourceProperties")).put("ReuseExistingCertificate", "true");
        assertThat(answerTo(second).physicalResourceId()).as("reused").isEqualTo(arn);

        ObjectNode tags = fresh(cfn.event("update-tags.json")).put("PhysicalResourceId", arn);
        ec(tags);
        ((ObjectNode) tags.path("OldResourceProperties")).put("KeyAlgorithm", "EC_prime256v1");
        ResponseSink.Received inPlace = answerTo(tags);
        assertThat(inPlace.status()).as("reason: %s", inPlace.reason()).isEqualTo("SUCCESS");
        assertThat(inPlace.physicalResourceId()).as("the held certificate serves the update").isEqualTo(arn);

        // The rollback CloudFormation sends when the stack fails later: the tags before, back on the same certificate.
        ObjectNode rollback = fresh(cfn.event("update-tags.json")).put("PhysicalResourceId", arn);
        ObjectNode before = ((ObjectNode) rollback.path("OldResourceProperties")).deepCopy();
        rollback.set("OldResourceProperties", rollback.path("ResourceProperties").deepCopy());
        rollback.set("ResourceProperties", before);
        ec(rollback);
        ((ObjectNode) rollback.path("OldResourceProperties")).put("KeyAlgorithm", "EC_prime256v1");
        assertThat(answerTo(rollback).physicalResourceId()).isEqualTo(arn);
        assertThat(cfn.certificateArns()).as("no certificate requested after the first").containsExactly(arn);
    }

    private static ObjectNode ec(ObjectNode event) {
        ((ObjectNode) event.path("ResourceProperties")).put("KeyAlgorithm", "EC_prime256v1");
        return event;
    }

    private ObjectNode fresh(ObjectNode event) {
        String requestId = UUID.randomUUID().toString();
        return event.put("RequestId", requestId).put("ResponseURL", cfn.sink().urlFor(requestId));
    }

    private ResponseSink.Received answerTo(ObjectNode event) {
        if (cfn.deliver(event) == ResourceRequests.Handled.WAITING) {
            cfn.runWaitLoopFor(event);
        }
        return cfn.onlyResponseTo(event.path("RequestId").asText());
    }
}
