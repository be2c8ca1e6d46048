package ca.archivium.dnscert.cfn;

import static ca.archivium.dnscert.cfn.CfnEvents.RESPONSE_URL;
import static ca.archivium.dnscert.cfn.CfnEvents.STACK_ID;
import static ca.archivium.dnscert.cfn.CfnEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CfnRequestTest {

    private static MalformedRequestException parseFails(ObjectNode event) {
        MalformedRequestException error =
                catchThrowableOfType(MalformedRequestException.class, () -> CfnRequest.parse(event));
        assertThat(error).as("parsing should have been refused: %s", event).isNotNull();
        return error;
    }

    @Test
    void createIsParsedFieldByField() {
        CfnRequest request = CfnRequest.parse(event("Create"));

        assertThat(request.requestType()).isEqualTo(RequestType.CREATE);
        assertThat(request.responseUrl()).isEqualTo(RESPONSE_URL);
        assertThat(request.stackId()).isEqualTo(STACK_ID);
        assertThat(request.requestId()).isEqualTo("req-1");
        assertThat(request.logicalResourceId()).isEqualTo("Cert");
        assertThat(request.physicalResourceId()).as("a Create carries no physical id").isNull();
        assertThat(request.resourceType()).isEqualTo("Custom::DnsValidatedCert");
        assertThat(request.resourceProperties())
                .containsEntry("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:dns-validated-cert")
                .containsEntry("DomainName", "archivium.ca")
                .containsEntry("SubjectAlternativeNames", List.of("www.archivium.ca", "*.dev.archivium.ca"))
                .containsEntry("Tags", List.of(Map.of("Key", "team", "Value", "web")));
        assertThat(request.oldResourceProperties()).as("only an Update has old properties").isEmpty();
    }

    @Test
    void updateCarriesPhysicalIdAndOldProperties() {
        CfnRequest request = CfnRequest.parse(event("Update"));

        assertThat(request.requestType()).isEqualTo(RequestType.UPDATE);
        assertThat(request.physicalResourceId()).isEqualTo("arn:aws:acm:us-east-1:123456789012:certificate/abc");
        assertThat(request.oldResourceProperties()).containsExactly(Map.entry("DomainName", "old.archivium.ca"));
    }

    @Test
    void deleteIsParsedFromBytes() {
        byte[] bytes = event("Delete").toString().getBytes(StandardCharsets.UTF_8);

        CfnRequest request = CfnRequest.parse(bytes);

        assertThat(request.requestType()).isEqualTo(RequestType.DELETE);
        assertThat(request.physicalResourceId()).isEqualTo("arn:aws:acm:us-east-1:123456789012:certificate/abc");
    }

    @Test
    void propertiesCannotBeChangedAfterParsing() {
        CfnRequest request = CfnRequest.parse(event("Create"));

        assertThatThrownBy(() -> request.resourceProperties().put("DomainName", "evil.example"))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> names = (List<Object>) request.resourceProperties().get("SubjectAlternativeNames");
        assertThatThrownBy(() -> names.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownRequestTypeIsNamedInTheError() {
        assertThat(parseFails(event("Upsert")))
                .hasMessage("RequestType 'Upsert' is not one of Create, Update, Delete");
    }

    @Test
    void requestTypeIsMatchedAsCloudFormationSpellsIt() {
        assertThat(parseFails(event("create"))).hasMessageContaining("RequestType 'create' is not one of");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ResponseURL", "StackId", "RequestId", "LogicalResourceId", "ResourceType",
            "ResourceProperties", "RequestType"})
    void aMissingRequiredFieldIsNamed(String field) {
        ObjectNode event = event("Create");
        event.remove(field);

        assertThat(parseFails(event)).hasMessage(field + " is missing");
    }

    @Test
    void aBlankResponseUrlCountsAsMissing() {
        ObjectNode event = event("Create");
        event.put("ResponseURL", "  ");

        assertThat(parseFails(event)).hasMessage("ResponseURL is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Update", "Delete"})
    void physicalResourceIdIsRequiredForUpdateAndDelete(String type) {
        ObjectNode event = event(type);
        event.remove("PhysicalResourceId");

        assertThat(parseFails(event)).hasMessage("PhysicalResourceId is required for " + type);
    }

    @Test
    void oldResourcePropertiesAreRequiredForUpdate() {
        ObjectNode event = event("Update");
        event.remove("OldResourceProperties");

        assertThat(parseFails(event)).hasMessage("OldResourceProperties is required for Update");
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() {
        ObjectNode event = event("Create");
        event.put("RequestId", 42);
        assertThat(parseFails(event)).hasMessage("RequestId must be a string, not number");

        ObjectNode listProperties = event("Create");
        listProperties.putArray("ResourceProperties");
        assertThat(parseFails(listProperties)).hasMessage("ResourceProperties must be an object, not array");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThatThrownBy(() -> CfnRequest.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRequestException.class).hasMessage("The request is not a JSON object");
        assertThatThrownBy(() -> CfnRequest.parse("{\"ResponseURL\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRequestException.class).hasMessageStartingWith("The request is not valid JSON");
    }

    @Test
    void aMalformedRequestStillSaysWhereToSendTheFailure() {
        ObjectNode event = event("Delete");
        event.remove("PhysicalResourceId");

        ReplyAddress reply = parseFails(event).replyAddress().orElseThrow(
                () -> new AssertionError("a request with ResponseURL, StackId, RequestId and LogicalResourceId can be answered"));

        assertThat(reply.responseUrl()).isEqualTo(RESPONSE_URL);
        assertThat(reply.stackId()).isEqualTo(STACK_ID);
        assertThat(reply.requestId()).isEqualTo("req-1");
        assertThat(reply.logicalResourceId()).isEqualTo("Cert");
    }

    @Test
    void aRequestWithoutResponseUrlCannotBeAnswered() {
        ObjectNode event = event("Create");
        event.remove("ResponseURL");

        assertThat(parseFails(event).replyAddress()).as("nowhere to send a FAILED answer").isEmpty();
    }

    @Test
    void stackNameComesFromTheStackArn() {
        assertThat(CfnRequest.parse(event("Create")).stackName()).isEqualTo("web-prod");

        ObjectNode event = event("Create");
        event.put("StackId", "local-stack");
        assertThat(CfnRequest.parse(event).stackName()).as("a StackId that is not an ARN is its own name")
                .isEqualTo("local-stack");
    }

    @Test
    void serviceTimeoutDefaultsToAnHour() {
        assertThat(CfnRequest.parse(event("Create")).serviceTimeout()).isEqualTo(Duration.ofSeconds(3600));
    }

    @Test
    void serviceTimeoutIsReadAsSecondsFromTheStringCloudFormationSends() {
        ObjectNode event = event("Create");
        ((ObjectNode) event.get("ResourceProperties")).put("ServiceTimeout", "900");

        CfnRequest request = CfnRequest.parse(event);

        assertThat(request.serviceTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(request.resourceProperties()).as("kept as sent").containsEntry("ServiceTimeout", "900");
    }

    @Test
    void serviceTimeoutMayBeANumberInAHandWrittenEvent() {
        ObjectNode event = event("Create");
        ((ObjectNode) event.get("ResourceProperties")).put("ServiceTimeout", 1);

        assertThat(CfnRequest.parse(event).serviceTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3601", "-5", "ten", "90.5", "", "99999999999999999999"})
    void serviceTimeoutOutsideOneToThreeThousandSixHundredSecondsIsAnError(String value) {
        ObjectNode event = event("Create");
        ((ObjectNode) event.get("ResourceProperties")).put("ServiceTimeout", value);

        MalformedRequestException error = parseFails(event);

        assertThat(error).hasMessage("ServiceTimeout '" + value + "' is not a whole number of seconds from 1 to 3600");
        assertThat(error.replyAddress()).as("a bad property is answered FAILED").isPresent();
    }

    @Test
    void printingARequestDoesNotShowTheSignature() {
        CfnRequest request = CfnRequest.parse(event("Create"));

        assertThat(request.toString()).doesNotContain("X-Amz-Signature").contains("?<redacted>");
        assertThat(request.replyAddress().toString()).doesNotContain("X-Amz-Signature");
    }
}
