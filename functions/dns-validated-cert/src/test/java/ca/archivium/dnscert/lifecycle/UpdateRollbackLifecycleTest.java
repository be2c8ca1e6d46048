package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The event sequences CloudFormation sends when a stack update fails and rolls back (one StackId and logical id
 * throughout): the rollback Update, with the original properties, returns to the original certificate and requests
 * nothing; after the stack's Delete, ACM holds no certificate the product made, and every request got one answer.
 */
@IntegrationTest
class UpdateRollbackLifecycleTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    private final List<String> requestIds = new ArrayList<>();
    private JsonNode original;

    @AfterEach
    void everyRequestGotExactlyOneAnswer() {
        for (String requestId : requestIds) {
            cfn.onlyResponseTo(requestId);
        }
    }

    @Test
    void rollbackOfASuccessfulReplacementReturnsToTheOriginalCertificate() {
        String a = created();
        JsonNode replacement = withNames("example.com", "static.example.com");
        ResponseSink.Received forward = answer(update(original, replacement, a));
        String b = forward.physicalResourceId();
        assertThat(b).as("the replacement (reason: %s)", forward.reason()).isNotEqualTo(a);

        ResponseSink.Received rollback = rollback(replacement, b);

        assertThat(rollback.physicalResourceId()).as("back to the original certificate").isEqualTo(a);
        // CloudFormation's clean-up after the rollback deletes the replacement, then the stack is deleted.
        assertThat(answer(delete(replacement, b)).status()).isEqualTo("SUCCESS");
        stackDeletedLeavesNothing(a);
    }

    @Test
    void rollbackOfARejectedUpdateReturnsToTheOriginalCertificate() {
        String a = created();
        ObjectNode invalid = original.deepCopy();
        invalid.put("KeyAlgorithm", "RSA_1024");
        ResponseSink.Received forward = answer(update(original, invalid, a));
        assertThat(forward.status()).isEqualTo("FAILED");
        assertThat(forward.reason()).contains("KeyAlgorithm");

        ResponseSink.Received rollback = rollback(invalid, a);

        assertThat(rollback.physicalResourceId()).isEqualTo(a);
        stackDeletedLeavesNothing(a);
    }

    @Test
    void rollbackOfAReplacementToANameWithoutAZoneReturnsToTheOriginalCertificate() {
        String a = created();
        JsonNode noZone = withNames("example.com", "api.example.org");
        ResponseSink.Received forward = answer(update(original, noZone, a));
        assertThat(forward.status()).isEqualTo("FAILED");
        assertThat(forward.reason()).contains("api.example.org");
        assertThat(cfn.certificateArns()).as("nothing was created").containsExactly(a);

        ResponseSink.Received rollback = rollback(noZone, a);

        assertThat(rollback.physicalResourceId()).isEqualTo(a);
        stackDeletedLeavesNothing(a);
    }

    @Test
    void rollbackOfAReplacementThatRanIntoItsDeadlineReturnsToTheOriginalCertificate() {
        String a = created();
        ObjectNode replacement = (ObjectNode) withNames("example.com", "static.example.com");
        replacement.put("ServiceTimeout", "300");
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        ResponseSink.Received forward = answer(update(original, replacement, a));
        assertThat(forward.status()).isEqualTo("FAILED");
        assertThat(forward.physicalResourceId()).isEqualTo(a);
        assertThat(cfn.certificateArns()).as("the replacement that timed out was released").containsExactly(a);
        cfn.proxy().clearFaults();

        ResponseSink.Received rollback = rollback(replacement, a);

        assertThat(rollback.physicalResourceId()).isEqualTo(a);
        stackDeletedLeavesNothing(a);
    }

    @Test
    void rollbackOfAnInPlaceUpdateRestoresTheTagsOnTheSameCertificate() {
        String a = created();
        ObjectNode retagged = original.deepCopy();
        retagged.putArray("Tags").addObject().put("Key", "team").put("Value", "platform");
        assertThat(answer(update(original, retagged, a)).physicalResourceId()).isEqualTo(a);
        assertThat(cfn.tagsOf(a)).containsEntry("team", "platform");

        ResponseSink.Received rollback = rollback(retagged, a);

        assertThat(rollback.physicalResourceId()).isEqualTo(a);
        assertThat(cfn.tagsOf(a)).as("the original tags are back").containsEntry("team", "web");
        stackDeletedLeavesNothing(a);
    }

    @Test
    void twoReplacementsRolledBackInARowEachReturnToTheOriginalCertificate() {
        String a = created();
        for (String extra : List.of("static.example.com", "assets.example.com")) {
            JsonNode replacement = withNames("example.com", extra);
            String b = answer(update(original, replacement, a)).physicalResourceId();
            assertThat(b).isNotEqualTo(a);

            assertThat(rollback(replacement, b).physicalResourceId()).as("rollback after adding %s", extra).isEqualTo(a);
            assertThat(answer(delete(replacement, b)).status()).isEqualTo("SUCCESS");
        }
        stackDeletedLeavesNothing(a);
    }

    @Test
    void rollbackWhileTheReplacementsWaitLoopIsStillRunningReleasesTheReplacement() {
        String a = created();
        JsonNode replacement = withNames("example.com", "static.example.com");
        ObjectNode forward = update(original, replacement, a);
        cfn.proxy().next(1, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        assertThat(cfn.deliver(forward)).as("the replacement waits for issuance").isEqualTo(Handled.WAITING);
        assertThat(cfn.certificateArns()).hasSize(2);

        ResponseSink.Received rollback = rollback(replacement, a);
        cfn.runWaitLoopFor(forward);

        assertThat(rollback.physicalResourceId()).isEqualTo(a);
        ResponseSink.Received late = cfn.onlyResponseTo(forward.path("RequestId").asText());
        assertThat(late.physicalResourceId()).as("the overtaken update answers with the certificate CloudFormation knows")
            .isEqualTo(a);
        assertThat(cfn.certificateArns()).as("the replacement nobody will ever delete is gone").containsExactly(a);
        stackDeletedLeavesNothing(a);
    }

    /** The Create of {@code events/create.json}; returns the certificate's ARN. */
    private String created() {
        ObjectNode create = cfn.event("create.json");
        original = create.path("ResourceProperties").deepCopy();
        ResponseSink.Received answer = answer(create);
        assertThat(answer.status()).as("the Create before the test (reason: %s)", answer.reason()).isEqualTo("SUCCESS");
        return answer.physicalResourceId();
    }

    /** The rollback Update back to the original properties: answered with a certificate, none requested. */
    private ResponseSink.Received rollback(JsonNode from, String physicalId) {
        cfn.proxy().resetCounts();
        ResponseSink.Received answer = answer(update(from, original, physicalId));
        assertThat(answer.status()).as("the rollback (reason: %s)", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cfn.proxy().calls("RequestCertificate")).as("the rollback requests no certificate").isZero();
        assertThat(answer.data().path("Arn").asText()).isEqualTo(answer.physicalResourceId());
        return answer;
    }

    private void stackDeletedLeavesNothing(String physicalId) {
        ResponseSink.Received deleted = answer(delete(original, physicalId));
        assertThat(deleted.status()).as("the stack's Delete (reason: %s)", deleted.reason()).isEqualTo("SUCCESS");
        List<String> madeByTheProduct = cfn.certificateArns().stream()
            .filter(arn -> cfn.tagsOf(arn).containsKey(OwnershipTags.CREATED_BY)).toList();
        assertThat(madeByTheProduct).as("certificates the product made, left after the stack was deleted").isEmpty();
    }

    private ObjectNode update(JsonNode from, JsonNode to, String physicalId) {
        ObjectNode update = withNewRequestId(cfn.event("update-names.json"));
        update.put("PhysicalResourceId", physicalId);
        update.set("ResourceProperties", to.deepCopy());
        update.set("OldResourceProperties", from.deepCopy());
        return update;
    }

    private ObjectNode delete(JsonNode properties, String physicalId) {
        ObjectNode delete = withNewRequestId(cfn.event("delete.json"));
        delete.put("PhysicalResourceId", physicalId);
        delete.set("ResourceProperties", properties.deepCopy());
        return delete;
    }

    private ObjectNode withNewRequestId(ObjectNode event) {
        String requestId = UUID.randomUUID().toString();
        event.put("RequestId", requestId);
        event.put("ResponseURL", cfn.sink().urlFor(requestId));
        return event;
    }

    private JsonNode withNames(String... alternativeNames) {
        ObjectNode properties = original.deepCopy();
        var names = properties.putArray("SubjectAlternativeNames");
        for (String name : alternativeNames) {
            names.add(name);
        }
        return properties;
    }

    /** Delivers the event, plays the wait loop when it waits, and returns its one answer. */
    private ResponseSink.Received answer(ObjectNode event) {
        String requestId = event.path("RequestId").asText();
        requestIds.add(requestId);
        if (cfn.deliver(event) == Handled.WAITING) {
            cfn.runWaitLoopFor(event);
        }
        return cfn.onlyResponseTo(requestId);
    }
}
