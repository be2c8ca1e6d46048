package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.RequestType;
import ca.archivium.dnscert.cfn.ResponseUrlPolicy;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.waitloop.Phase;
import ca.archivium.dnscert.waitloop.StepOutcome;
import ca.archivium.dnscert.waitloop.StepState;
import ca.archivium.dnscert.waitloop.StepStates;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The files under {@code events/} are events CloudFormation could send, and documents the state machine could carry. */
@IntegrationTest
class EventFilesTest {

    @ParameterizedTest
    @CsvSource({"create.json, Create", "update-tags.json, Update", "update-names.json, Update", "delete.json, Delete"})
    void eventFileIsACloudFormationCustomResourceEventTheProductAccepts(String file, String requestType)
        throws IOException {
        Path path = CloudFormationSimulator.eventsDirectory().resolve(file);

        CloudFormationCustomResourceEvent event = EventLoader.loadCloudFormationCustomResourceEvent(path.toString());
        CfnRequest request = CfnRequest.parse(Files.readAllBytes(path));

        assertThat(event.getRequestType()).as("as the Lambda runtime's event class reads %s", file).isEqualTo(requestType);
        assertThat(event.getResourceType()).isEqualTo("Custom::DnsValidatedCert");
        assertThat(event.getServiceToken()).matches("arn:aws:lambda:eu-west-1:\\d{12}:function:[\\w-]+:live");
        assertThat(request.requestType()).isEqualTo(RequestType.fromWireName(requestType).orElseThrow());
        assertThat(new ResponseUrlPolicy(null, "us-east-1").allows(request.responseUrl()))
            .as("the ResponseURL has the shape of CloudFormation's pre-signed S3 URL").isTrue();
        assertThat(request.responseUrl()).contains("X-Amz-Signature=");
        assertThat(PropertyParser.parse(request.resourceProperties()).domainName()).isEqualTo("www.example.com");
        if (request.requestType() == RequestType.UPDATE) {
            assertThat(PropertyParser.parse(request.oldResourceProperties()).domainName()).isEqualTo("www.example.com");
        }
    }

    @Test
    void waitLoopInputIsAStepDocumentOfACreateAwaitingIssuance() throws IOException {
        var json = new ObjectMapper().readTree(CloudFormationSimulator.eventsDirectory().resolve("wait-loop-input.json").toFile());

        StepState state = StepStates.fromJson(json);

        assertThat(state.outcome()).isEqualTo(StepOutcome.WAIT);
        assertThat(state.waitSeconds()).isPositive();
        assertThat(state.phase()).isEqualTo(Phase.AWAIT_ISSUANCE);
        assertThat(CfnRequest.parse(state.request()).requestType()).isEqualTo(RequestType.CREATE);
        assertThat(state.plan().zones()).containsOnlyKeys("www.example.com", "example.com");
        assertThat(state.deadlineEpochMs()).isGreaterThan(state.startedEpochMs());
    }
}
