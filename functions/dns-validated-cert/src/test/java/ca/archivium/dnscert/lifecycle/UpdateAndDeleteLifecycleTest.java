package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxyReply;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** Update and Delete after a real Create, against moto: physical ids, what is deleted and what is left. */
@IntegrationTest
class UpdateAndDeleteLifecycleTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String LOAD_BALANCER =
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void tagUpdateKeepsTheArnAndChangesTheTags() {
        String arn = created();
        ObjectNode update = cfn.event("update-tags.json").put("PhysicalResourceId", arn);

        assertThat(cfn.deliver(update)).as("tags change in place, at once").isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponseTo(update.path("RequestId").asText());
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).as("same physical id: no replacement").isEqualTo(arn);
        assertThat(answer.data().path("Arn").asText()).isEqualTo(arn);
        assertThat(cfn.certificateArns()).as("no new certificate").containsExactly(arn);
        assertThat(cfn.tagsOf(arn)).containsEntry("team", "platform").containsEntry("cost-centre", "cc-1234")
            .containsKey(OwnershipTags.CREATED_BY)
            .as("the product's own tags survive a Tags update")
            .anySatisfy((key, value) -> assertThat(key).startsWith(OwnershipTags.USED_BY_PREFIX));
    }

    @Test
    void nameUpdateGivesANewArnAndTheLaterDeleteOfTheOldIdRemovesOnlyTheOldCertificate() {
        String oldArn = created();
        ObjectNode update = cfn.event("update-names.json").put("PhysicalResourceId", oldArn);
        ((ObjectNode) update.path("ResourceProperties")).put("WaitForIssuance", "false");

        cfn.deliver(update);
        ResponseSink.Received answer = cfn.onlyResponseTo(update.path("RequestId").asText());
        String newArn = answer.physicalResourceId();

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(newArn).as("new names need a new certificate, so a new physical id").isNotEqualTo(oldArn)
            .startsWith("arn:aws:acm:eu-west-1:");
        assertThat(cfn.acm().describeCertificate(b -> b.certificateArn(newArn)).certificate().subjectAlternativeNames())
            .containsExactlyInAnyOrder("www.example.com", "example.com", "static.example.com");

        ObjectNode cleanup = cfn.event("delete.json").put("PhysicalResourceId", oldArn);
        assertThat(cfn.deliver(cleanup)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received deleted = cfn.onlyResponseTo(cleanup.path("RequestId").asText());
        assertThat(deleted.status()).as("reason: %s", deleted.reason()).isEqualTo("SUCCESS");
        assertThat(deleted.physicalResourceId()).isEqualTo(oldArn);
        assertThat(cfn.certificateArns()).as("only the replaced certificate is deleted").containsExactly(newArn);
    }

    @Test
    void deleteOfReusedCertificateLeavesItInPlace() {
        String existing = cfn.certificateRequestedElsewhere(b -> b.domainName("www.example.com")
            .subjectAlternativeNames("example.com").validationMethod(ValidationMethod.DNS)
            .options(o -> o.export("DISABLED")));
        ObjectNode create = cfn.event("create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("ReuseExistingCertificate", "true");
        if (cfn.deliver(create) == Handled.WAITING) {
            cfn.runWaitLoopFor(create);
        }
        ResponseSink.Received reused = cfn.onlyResponseTo(create.path("RequestId").asText());
        assertThat(reused.physicalResourceId()).as("the matching certificate is reused (reason: %s)", reused.reason())
            .isEqualTo(existing);
        assertThat(reused.data().path("Reused").asText()).isEqualTo("true");

        ObjectNode delete = cfn.event("delete.json").put("PhysicalResourceId", existing);
        cfn.deliver(delete);

        ResponseSink.Received answer = cfn.onlyResponseTo(delete.path("RequestId").asText());
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("a certificate this stack did not create is never deleted")
            .containsExactly(existing);
        assertThat(cfn.tagsOf(existing).keySet()).as("only the stack's reference is removed")
            .noneMatch(key -> key.startsWith(OwnershipTags.USED_BY_PREFIX));
    }

    @Test
    void deleteWhileInUseKeepsTryingThenFailsNamingTheUserAtTheDeadline() {
        String arn = created();
        cfn.conformance().acm().attach(arn, List.of(LOAD_BALANCER));
        ObjectNode delete = cfn.event("delete.json").put("PhysicalResourceId", arn);
        ((ObjectNode) delete.path("ResourceProperties")).put("ServiceTimeout", "600");

        assertThat(cfn.deliver(delete)).as("in use: try again in the wait loop").isEqualTo(Handled.WAITING);
        int attemptsBefore = cfn.proxy().calls("DeleteCertificate");
        cfn.runWaitLoopFor(delete);

        assertThat(cfn.proxy().calls("DeleteCertificate")).as("the loop kept trying to delete")
            .isGreaterThan(attemptsBefore + 1);
        ResponseSink.Received answer = cfn.onlyResponseTo(delete.path("RequestId").asText());
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).isEqualTo(arn);
        assertThat(answer.reason()).as("the reason names what still uses the certificate").contains(LOAD_BALANCER);
        assertThat(cfn.certificateArns()).containsExactly(arn);
    }

    @Test
    void deleteAnsweredConflictWhileAnEarlierOperationIsStillAppliedWaitsInTheLoopThenDeletes() {
        String arn = created();
        // ACM's model lists ConflictException for DeleteCertificate ("Wait for the previous operation to finish and
        // try again"), as a rollback Delete right after RequestCertificate or AddTagsToCertificate might meet it; the
        // SDK does not retry it.
        cfn.proxy().next(2, "DeleteCertificate").reply(request -> ProxyReply.awsError(request.call(), 400, "Sender",
            "ConflictException", "You are trying to update a resource or configuration that is already being "
                + "created or updated. Wait for the previous operation to finish and try again."));
        ObjectNode delete = cfn.event("delete.json").put("PhysicalResourceId", arn);

        assertThat(cfn.deliver(delete)).as("a conflict passes with time: wait in the loop, not FAILED")
            .isEqualTo(Handled.WAITING);
        cfn.runWaitLoopFor(delete);

        ResponseSink.Received answer = cfn.onlyResponseTo(delete.path("RequestId").asText());
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cfn.proxy().calls("DeleteCertificate")).as("two conflicts, then the delete").isEqualTo(3);
        assertThat(cfn.certificateArns()).as("the certificate is deleted").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-created:Certificate:3f1c2a9e-6b7d-4e21-9a0c-5d8e7f6a1b2c", "Certificate-1A2B3C4D5E6F"})
    void deleteOfAnIdThatIsNotACertificateArnSucceedsAfterOnlyLookingForWhatTheResourceHolds(String physicalId) {
        ObjectNode delete = cfn.event("delete.json").put("PhysicalResourceId", physicalId);
        cfn.proxy().resetCounts();

        assertThat(cfn.deliver(delete)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).isEqualTo(physicalId);
        assertThat(cfn.proxy().calls()).as("the resource holds nothing: one look, nothing changed")
            .containsOnlyKeys("ListCertificates");
    }

    @Test
    void aCreateCloudFormationGaveUpOnWhileItWaitedIsReleasedByTheDeleteOfTheIdCloudFormationMadeUp() {
        // Another resource of the stack failed while this Create waited for ACM: CloudFormation rolls back at once,
        // with a Delete whose physical id it made up, and never learns the certificate's ARN.
        ObjectNode create = cfn.event("create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("ServiceTimeout", "3600");
        cfn.conformance().acm().validationTakes(java.time.Duration.ofHours(1));
        assertThat(cfn.deliver(create)).isEqualTo(Handled.WAITING);
        String requested = cfn.certificateArns().get(0);
        cfn.conformance().passAcmDelays();

        ObjectNode rollback = cfn.event("delete.json").put("PhysicalResourceId", "SiteCertificate-1A2B3C4D5E6F");
        rollback.set("ResourceProperties", create.path("ResourceProperties").deepCopy());
        assertThat(cfn.deliver(rollback)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponseTo(rollback.path("RequestId").asText());
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("the certificate %s the abandoned Create requested", requested).isEmpty();
    }

    /** Creates the certificate of {@code events/create.json} through the wait loop; returns its ARN. */
    private String created() {
        ObjectNode create = cfn.event("create.json");
        assertThat(cfn.deliver(create)).isEqualTo(Handled.WAITING);
        cfn.runWaitLoopFor(create);
        ResponseSink.Received answer = cfn.onlyResponseTo(create.path("RequestId").asText());
        assertThat(answer.status()).as("the Create before the test (reason: %s)", answer.reason()).isEqualTo("SUCCESS");
        return answer.physicalResourceId();
    }
}
