package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.ReplyAddress;
import ca.archivium.dnscert.failure.Failure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule 8 of docs/rules.md, case by case: the physical id of every FAILED answer. */
class FailedAnswerTest {
    private static final String HELD = "arn:aws:acm:eu-west-1:123456789012:certificate/held";
    private static final String NEW = "arn:aws:acm:eu-west-1:123456789012:certificate/new";

    private static final Failure NO_ZONE = Failure.noHostedZone("www.example.com: no public hosted zone found");
    private static final Failure TIMED_OUT = Failure.validationTimedOut();
    private static final Failure BAD_PROPERTY = Failure.invalidUpdate("DomainName: is required");

    @Test
    void aCreateThatFailedBeforeItHadACertificateAnswersNotCreated() {
        CfnResponse answer = FailedAnswer.of(request("Create"), NO_ZONE);

        assertThat(answer.status()).isEqualTo(CfnResponse.Status.FAILED);
        assertThat(answer.physicalResourceId()).isEqualTo("not-created:Cert:req-1");
        assertThat(answer.reason()).isEqualTo(NO_ZONE.reason());
    }

    @Test
    void rule8_aCreateThatFailedAfterItsCertificateWasRequestedAnswersWithItsArnSoTheRollbackDeleteRemovesIt() {
        CfnResponse answer = FailedAnswer.of(request("Create"), NEW, false, TIMED_OUT);

        assertThat(answer.physicalResourceId()).isEqualTo(NEW);
        assertThat(answer.reason()).as("the reason says what becomes of the certificate").startsWith(TIMED_OUT.reason())
            .endsWith("The certificate was requested; CloudFormation's rollback will delete it.");
    }

    @Test
    void rule8_aCreateThatFailedWithACertificateItReusedAnswersWithItsArnAndDoesNotSayItIsDeleted() {
        CfnResponse answer = FailedAnswer.of(request("Create"), HELD, true, TIMED_OUT);

        assertThat(answer.physicalResourceId()).isEqualTo(HELD);
        assertThat(answer.reason()).isEqualTo(TIMED_OUT.reason());
    }

    @Test
    void rule8_anUpdateAnswersWithThePhysicalIdItWasSentNeverWithTheCertificateItRequested() {
        assertThat(FailedAnswer.of(request("Update"), BAD_PROPERTY).physicalResourceId()).isEqualTo(HELD);
        assertThat(FailedAnswer.of(request("Update"), NEW, false, TIMED_OUT).physicalResourceId())
            .isEqualTo(HELD);
    }

    @Test
    void aDeleteAnswersWithThePhysicalIdItWasSent() {
        assertThat(FailedAnswer.of(request("Delete"), HELD, false, Failure.stillInUse(HELD, java.util.List.of("lb")))
            .physicalResourceId()).isEqualTo(HELD);
    }

    @Test
    void theAnswerGoesBackToTheRequestItAnswers() {
        CfnResponse answer = FailedAnswer.of(request("Update"), BAD_PROPERTY);

        assertThat(answer.requestId()).isEqualTo("req-1");
        assertThat(answer.logicalResourceId()).isEqualTo("Cert");
        assertThat(answer.stackId()).isEqualTo("arn:aws:cloudformation:eu-west-1:123456789012:stack/web/1");
    }

    @Test
    void aMalformedRequestAnswersWithThePhysicalIdItCarriedOrAsACreateWithNothing() {
        ReplyAddress withId = new ReplyAddress("https://example.amazonaws.com/r", "stack", "req-2", "Cert", HELD);
        ReplyAddress withoutId = new ReplyAddress("https://example.amazonaws.com/r", "stack", "req-2", "Cert", null);

        Failure malformed = Failure.malformedRequest("RequestType is missing");
        assertThat(FailedAnswer.ofMalformed(withId, malformed).physicalResourceId()).isEqualTo(HELD);
        assertThat(FailedAnswer.ofMalformed(withoutId, malformed).physicalResourceId())
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
