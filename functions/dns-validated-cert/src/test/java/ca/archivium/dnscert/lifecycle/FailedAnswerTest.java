package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.ReplyAddress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN.md rule 8, case by case: the physical id of every FAILED answer. */
class FailedAnswerTest {
    private static final String HELD = "arn:aws:acm:eu-west-1:123456789012:certificate/held";
    private static final String NEW = "arn:aws:acm:eu-west-1:123456789012:certificate/new";

    @Test
    void aCreateThatFailedBeforeItHadACertificateAnswersNotCreated() {
        CfnResponse answer = FailedAnswer.of(request("Create"), null, "no hosted zone for www.example.com");

        assertThat(answer.status()).isEqualTo(CfnResponse.Status.FAILED);
        assertThat(answer.physicalResourceId()).isEqualTo("not-created:Cert:req-1");
        assertThat(answer.reason()).isEqualTo("no hosted zone for www.example.com");
    }

    @Test
    void rule8_aCreateThatFailedAfterItsCertificateWasRequestedAnswersWithItsArnSoTheRollbackDeleteRemovesIt() {
        assertThat(FailedAnswer.of(request("Create"), NEW, "validation timed out").physicalResourceId()).isEqualTo(NEW);
    }

    @Test
    void rule8_anUpdateAnswersWithThePhysicalIdItWasSentNeverWithTheCertificateItRequested() {
        assertThat(FailedAnswer.of(request("Update"), null, "bad property").physicalResourceId()).isEqualTo(HELD);
        assertThat(FailedAnswer.of(request("Update"), NEW, "validation timed out").physicalResourceId())
            .isEqualTo(HELD);
    }

    @Test
    void aDeleteAnswersWithThePhysicalIdItWasSent() {
        assertThat(FailedAnswer.of(request("Delete"), HELD, "still in use").physicalResourceId()).isEqualTo(HELD);
    }

    @Test
    void theAnswerGoesBackToTheRequestItAnswers() {
        CfnResponse answer = FailedAnswer.of(request("Update"), null, "bad property");

        assertThat(answer.requestId()).isEqualTo("req-1");
        assertThat(answer.logicalResourceId()).isEqualTo("Cert");
        assertThat(answer.stackId()).isEqualTo("arn:aws:cloudformation:eu-west-1:123456789012:stack/web/1");
    }

    @Test
    void aMalformedRequestAnswersWithThePhysicalIdItCarriedOrAsACreateWithNothing() {
        ReplyAddress withId = new ReplyAddress("https://example.amazonaws.com/r", "stack", "req-2", "Cert", HELD);
        ReplyAddress withoutId = new ReplyAddress("https://example.amazonaws.com/r", "stack", "req-2", "Cert", null);

        assertThat(FailedAnswer.ofMalformed(withId, "Malformed request").physicalResourceId()).isEqualTo(HELD);
        assertThat(FailedAnswer.ofMalformed(withoutId, "Malformed request").physicalResourceId())
            .isEqualTo("not-created:Cert:req-2");
    }

    private static CfnRequest request(String type) {
        ObjectNode event = CustomResourceEvents.event(type, Map.of("DomainName", "www.example.com"));
        if (!type.equals("Create")) {
            event.put("PhysicalResourceId", HELD);
        }
        if (type.equals("Update")) {
            event.putObject("OldResourceProperties").put("DomainName", "www.example.com");
        }
        return CfnRequest.parse(event);
    }
}
