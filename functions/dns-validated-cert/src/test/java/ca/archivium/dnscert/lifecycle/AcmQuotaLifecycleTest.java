package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxyReply;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ACM's quotas at RequestCertificate: the reason names the quota, its Service Quotas code and the command that raises
 * it, and nothing is created.
 */
@IntegrationTest
class AcmQuotaLifecycleTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void moreNamesThanTheDomainNamesQuotaNameTheQuotaAndHowToRaiseIt() {
        // moto refuses more than 10 alternative names itself ("Need to request SAN limit to be raised").
        ObjectNode event = withNames(12);

        ResponseSink.Received answer = answerTo(event);

        assertThat(answer.reason()).contains("RequestCertificate failed: LimitExceededException",
            "Domain names per ACM certificate", "12 names", "--quota-code L-FB94F0B0", "--desired-value 12",
            "--region eu-west-1");
    }

    @Test
    void acmsOwnMessageForTooManyNamesIsReadAsTheDomainNamesQuota() {
        // The message AWS answers with (hashicorp/terraform-provider-aws#35825), which moto does not use.
        cfn.proxy().every("RequestCertificate").reply(request -> ProxyReply.awsError(request.call(), 400, "Sender",
            "LimitExceededException", "Certificate has too many domains."));

        ResponseSink.Received answer = answerTo(withNames(3));

        assertThat(answer.reason()).contains("Certificate has too many domains.", "Domain names per ACM certificate",
            "L-FB94F0B0").doesNotContain("L-DA1D8B98");
    }

    @Test
    void theYearlyCertificatesQuotaIsNamedWithHowToRaiseIt() {
        // The message AWS answers with (hashicorp/terraform-provider-aws#14025).
        cfn.proxy().every("RequestCertificate").reply(request -> ProxyReply.awsError(request.call(), 400, "Sender",
            "LimitExceededException", "Error: you have reached your limit of 20 certificates in the last year."));

        ResponseSink.Received answer = answerTo(cfn.event("create.json"));

        assertThat(answer.reason()).contains("you have reached your limit of 20 certificates",
            "ACM certificates created in last 365 days", "--quota-code L-DA1D8B98", "ReuseExistingCertificate")
            .doesNotContain("L-FB94F0B0");
    }

    private ObjectNode withNames(int names) {
        ObjectNode event = cfn.event("create.json");
        ArrayNode alternatives = ((ObjectNode) event.path("ResourceProperties")).putArray("SubjectAlternativeNames");
        for (int i = 1; i < names; i++) {
            alternatives.add("n" + i + ".example.com");
        }
        return event;
    }

    /** Delivers a Create that must fail at once with nothing created, and returns its answer. */
    private ResponseSink.Received answerTo(ObjectNode event) {
        assertThat(cfn.deliver(event)).as("a quota is not waited out: answered at once").isEqualTo(Handled.ANSWERED);
        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).as("nothing was created").startsWith("not-created:");
        assertThat(cfn.certificateArns()).isEmpty();
        return answer;
    }
}
