package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.model.CertificateExport;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** What the resource asks of ACM's certificate options, and what it leaves out, from the event to the answer. */
@IntegrationTest
class CertificateOptionsLifecycleTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void aTransparencyOptOutIsAcceptedLoggedAsIgnoredAndNeverSent() {
        List<ProxiedRequest> requests = keep("RequestCertificate");
        ObjectNode create = cfn.event("create.json");
        properties(create).put("CertificateTransparencyLoggingPreference", "DISABLED");

        ResponseSink.Received answer = answerTo(create);

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(requests).singleElement().extracting(ProxiedRequest::bodyText).asString()
            .as("ACM withdrew the opt-out on 12 June 2026: the preference is not sent")
            .doesNotContain("CertificateTransparencyLoggingPreference");
        assertThat(cfn.log()).as("the template's setting is reported as ignored")
            .contains(RequestProperties.TRANSPARENCY_OPT_OUT_IGNORED);
    }

    @Test
    void anExportableCertificateIsAskedForOnlyWhenCertificateExportIsEnabled() {
        List<ProxiedRequest> requests = keep("RequestCertificate");
        ObjectNode exportable = cfn.event("create.json");
        properties(exportable).put("CertificateExport", "ENABLED");
        ObjectNode plain = fresh(cfn.event("create.json")).put("LogicalResourceId", "PlainCertificate");
        properties(plain).put("DomainName", "api.example.com");

        ResponseSink.Received first = answerTo(exportable);
        ResponseSink.Received second = answerTo(plain);

        assertThat(first.status()).as("reason: %s", first.reason()).isEqualTo("SUCCESS");
        assertThat(second.status()).as("reason: %s", second.reason()).isEqualTo("SUCCESS");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).bodyText()).as("export is asked for").contains("\"Export\":\"ENABLED\"");
        assertThat(requests.get(1).bodyText())
            .as("not exportable is ACM's default: no Options at all, so nothing depends on Export being offered")
            .doesNotContain("Options");
        assertThat(cfn.acm().describeCertificate(b -> b.certificateArn(first.physicalResourceId())).certificate()
            .options().exportAsString()).isEqualTo("ENABLED");
    }

    @Test
    void changingCertificateExportReplacesTheCertificate() {
        ObjectNode create = cfn.event("create.json");
        String original = answerTo(create).physicalResourceId();
        ObjectNode update = fresh(cfn.event("update-tags.json")).put("PhysicalResourceId", original);
        properties(update).put("CertificateExport", "ENABLED");

        ResponseSink.Received answer = answerTo(update);

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId())
            .as("ACM cannot change Export on a certificate: a new one, so a new physical id").isNotEqualTo(original);
        assertThat(cfn.acm().describeCertificate(b -> b.certificateArn(answer.physicalResourceId())).certificate()
            .options().exportAsString()).isEqualTo("ENABLED");
        assertThat(cfn.certificateArns()).as("the original stays until CloudFormation deletes it")
            .containsExactlyInAnyOrder(original, answer.physicalResourceId());
    }

    @Test
    void reuseTakesOnlyACertificateWithTheSameExportSetting() {
        String exportable = cfn.acm().requestCertificate(b -> b.domainName("www.example.com")
            .subjectAlternativeNames("example.com").validationMethod(ValidationMethod.DNS)
            .options(o -> o.export(CertificateExport.ENABLED))).certificateArn();
        ObjectNode create = cfn.event("create.json");
        properties(create).put("ReuseExistingCertificate", "true");

        ResponseSink.Received answer = answerTo(create);

        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId())
            .as("an exportable certificate is charged at every renewal: not taken for a resource that did not ask")
            .isNotEqualTo(exportable);

        ObjectNode exportableCreate = fresh(cfn.event("create.json")).put("LogicalResourceId", "ExportableCertificate");
        properties(exportableCreate).put("ReuseExistingCertificate", "true").put("CertificateExport", "ENABLED");
        assertThat(answerTo(exportableCreate).physicalResourceId()).as("the same names and export setting: reused")
            .isEqualTo(exportable);
    }

    private ObjectNode fresh(ObjectNode event) {
        String requestId = UUID.randomUUID().toString();
        return event.put("RequestId", requestId).put("ResponseURL", cfn.sink().urlFor(requestId));
    }

    private List<ProxiedRequest> keep(String operation) {
        List<ProxiedRequest> kept = new CopyOnWriteArrayList<>();
        cfn.proxy().every(operation).when(request -> {
            kept.add(request);
            return false;
        }).throttle();
        return kept;
    }

    private ResponseSink.Received answerTo(ObjectNode event) {
        if (cfn.deliver(event) == ResourceRequests.Handled.WAITING) {
            cfn.runWaitLoopFor(event);
        }
        return cfn.onlyResponseTo(event.path("RequestId").asText());
    }

    private static ObjectNode properties(ObjectNode event) {
        return (ObjectNode) event.path("ResourceProperties");
    }
}
