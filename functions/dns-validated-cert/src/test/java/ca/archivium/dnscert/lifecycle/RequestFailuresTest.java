package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input, malformed events and failures nobody planned for: each request is still answered exactly once, with a
 * reason, and bad input creates nothing.
 */
@IntegrationTest
class RequestFailuresTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    /** A fresh world for every test, closed after it. */
    @RegisterExtension
    final CloudFormationSimulator cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);

    @Test
    void unknownPropertyIsFailedAtOnceNamingItAndTheClosestValidOneWithNothingCreated() {
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("SubjectAlternativeName", "example.com");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("SubjectAlternativeName", "SubjectAlternativeNames");
        assertNothingCreated(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"www..example.com", "-www.example.com", "www.exa_mple.com", "https://www.example.com"})
    void badDomainNameIsFailedAtOnceWithNothingCreated(String domainName) {
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("DomainName", domainName);

        assertThat(cfn.deliver(event)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("the reason names the property").contains("DomainName");
        assertNothingCreated(answer);
    }

    @Test
    void nameWithoutAHostedZoneIsFailedAtOnceWithNothingCreated() {
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).putArray("SubjectAlternativeNames").add("www.example.org");

        cfn.deliver(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("www.example.org");
        assertNothingCreated(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RequestType=Destroy", "ResourceProperties=", "StackId=", "ServiceTimeout=7200"})
    void malformedEventWithAResponseUrlIsAnsweredFailed(String change) {
        ObjectNode event = cfn.event("create.json");
        String field = change.substring(0, change.indexOf('='));
        String value = change.substring(change.indexOf('=') + 1);
        ObjectNode target = field.equals("ServiceTimeout") ? (ObjectNode) event.path("ResourceProperties") : event;
        if (value.isEmpty()) {
            target.remove(field);
        } else {
            target.put(field, value);
        }

        Handled handled = cfn.deliver(event);

        if (field.equals("StackId")) {
            assertThat(handled).as("without StackId no response can be matched to the stack")
                .isEqualTo(Handled.UNANSWERABLE);
            assertThat(cfn.sink().received()).isEmpty();
            return;
        }
        assertThat(handled).isEqualTo(Handled.ANSWERED);
        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).startsWith("Malformed request").contains(field);
        assertThat(answer.physicalResourceId()).startsWith("not-created:");
        assertThat(cfn.certificateArns()).isEmpty();
    }

    @Test
    void eventThatIsNotJsonIsUnanswerableAndNothingIsSent() {
        Handled handled = cfn.lifecycle().requests().handle("{\"RequestType\": \"Create\", ".getBytes(StandardCharsets.UTF_8));

        assertThat(handled).isEqualTo(Handled.UNANSWERABLE);
        assertThat(cfn.sink().received()).isEmpty();
    }

    @Test
    void unexpectedFailureOfRequestCertificateIsAnsweredOnceWithAReason() {
        cfn.proxy().clearFaults();
        cfn.proxy().every("RequestCertificate").reply(AcmReplies.garbage());

        assertAnsweredOnceWithReason(cfn.event("create.json"), event -> { });
    }

    @Test
    void unexpectedFailureToStartTheWaitLoopIsAnsweredOnceWithTheArnAsPhysicalId() {
        cfn.waitLoop().failStartsWith(new IllegalStateException("StartExecution: AccessDeniedException"));
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("AccessDeniedException");
        assertThat(answer.physicalResourceId()).as("the rollback Delete removes the requested certificate")
            .isEqualTo(cfn.certificateArns().get(0));
    }

    @Test
    void crashOfAReconcileStepIsAnsweredOnceByRespondWithItsCause() {
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.crashNextReconcileWith(new NullPointerException("Cannot read field \"status\" because \"view\" is null"));

        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("NullPointerException", "view");
        assertThat(answer.physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
    }

    @Test
    void garbageFromAcmDuringTheWaitLoopIsAnsweredOnceWithAReason() {
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.garbage());

        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).contains("DescribeCertificate");
        assertThat(answer.physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
    }

    @Test
    void garbageFromAcmDuringDeleteIsAnsweredOnceWithAReason() {
        ObjectNode event = cfn.event("delete.json");
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.garbage());

        ResponseSink.Received answer = assertAnsweredOnceWithReason(event, e -> { });

        assertThat(answer.physicalResourceId()).as("a failed Delete keeps its physical id")
            .isEqualTo(event.path("PhysicalResourceId").asText());
    }

    private ResponseSink.Received assertAnsweredOnceWithReason(ObjectNode event, Consumer<ObjectNode> change) {
        change.accept(event);
        Handled handled = cfn.deliver(event);
        if (handled == Handled.WAITING) {
            cfn.runWaitLoopFor(event);
        }
        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("a FAILED answer always says why").isNotBlank()
            .isNotEqualTo(ca.archivium.dnscert.cfn.CfnResponse.DEFAULT_FAILURE_REASON);
        return answer;
    }

    private void assertNothingCreated(ResponseSink.Received answer) {
        assertThat(answer.physicalResourceId()).as("a marker id, so the rollback Delete does nothing")
            .startsWith("not-created:Certificate:");
        assertThat(cfn.proxy().calls("RequestCertificate")).as("no certificate requested").isZero();
        assertThat(cfn.certificateArns()).isEmpty();
        assertThat(cfn.waitLoop().executionNames()).isEmpty();
    }
}
