package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
