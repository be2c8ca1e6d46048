package ca.archivium.dnscert.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * Rule 5 on Update: a resource that reuses a certificate only references it. Changing its Tags or transparency
 * preference in place must not rewrite the tags or options of a certificate someone else requested.
 */
@IntegrationTest
class ReusedCertificateUpdateTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void inPlaceUpdateOfAResourceThatReusedACertificateMadeElsewhereLeavesItsTagsAndOptionsAlone() {
        String existing = cfn.certificateRequestedElsewhere(b -> b.domainName("www.example.com")
            .subjectAlternativeNames("example.com").validationMethod(ValidationMethod.DNS)
            .options(o -> o.export("DISABLED")).tags(t -> t.key("owner").value("another-team")));
        ObjectNode create = cfn.event("create.json");
        ((ObjectNode) create.path("ResourceProperties")).put("ReuseExistingCertificate", "true");
        assertThat(answerTo(create).physicalResourceId()).as("reused").isEqualTo(existing);

        ObjectNode update = cfn.event("update-tags.json").put("PhysicalResourceId", existing);
        ((ObjectNode) update.path("ResourceProperties")).put("ReuseExistingCertificate", "true")
            .put("CertificateTransparencyLoggingPreference", "DISABLED");
        ((ObjectNode) update.path("OldResourceProperties")).put("ReuseExistingCertificate", "true");
        cfn.proxy().resetCounts();
        ResponseSink.Received answer = answerTo(update);

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).isEqualTo(existing);
        assertThat(userTags(existing)).as("the other team's tags are theirs").containsExactly(Map.entry("owner", "another-team"));
        assertThat(cfn.proxy().calls("UpdateCertificateOptions")).as("its options are theirs too").isZero();
    }

    @Test
    void inPlaceUpdateOfAResourceThatReusedAnotherResourcesCertificateLeavesTheCreatorsTagsAlone() {
        ObjectNode first = cfn.event("create.json");
        String arn = answerTo(first).physicalResourceId();
        ObjectNode second = cfn.event("create.json").put("LogicalResourceId", "SecondCertificate")
            .put("RequestId", "9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a");
        second.put("ResponseURL", cfn.sink().urlFor("9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a"));
        ((ObjectNode) second.path("ResourceProperties")).put("ReuseExistingCertificate", "true");
        assertThat(answerTo(second).physicalResourceId()).as("the second resource reuses the first's").isEqualTo(arn);

        ObjectNode update = cfn.event("update-tags.json").put("LogicalResourceId", "SecondCertificate")
            .put("PhysicalResourceId", arn);
        ((ObjectNode) update.path("ResourceProperties")).put("ReuseExistingCertificate", "true");
        ((ObjectNode) update.path("OldResourceProperties")).put("ReuseExistingCertificate", "true");
        ResponseSink.Received answer = answerTo(update);

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(userTags(arn)).as("the creator's Tags stay as the creator set them")
            .containsExactly(Map.entry("team", "web"));
    }

    private ResponseSink.Received answerTo(ObjectNode event) {
        if (cfn.deliver(event) == Handled.WAITING) {
            cfn.runWaitLoopFor(event);
        }
        return cfn.onlyResponseTo(event.path("RequestId").asText());
    }

    private Map<String, String> userTags(String arn) {
        Map<String, String> tags = new TreeMap<>(cfn.tagsOf(arn));
        tags.keySet().removeIf(OwnershipTags::isOwnTag);
        return tags;
    }
}
