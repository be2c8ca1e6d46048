package ca.archivium.dnscert.cfn;

import static ca.archivium.dnscert.cfn.CfnEvents.RESPONSE_URL;
import static ca.archivium.dnscert.cfn.CfnEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"Create", "Update", "Delete"})
    void aCopyParsesBackToTheSameRequest(String type) {
        CfnRequest request = CfnRequest.parse(event(type));

        assertThat(CfnRequest.parse(RequestJson.copyOf(request))).isEqualTo(request);
    }

    @Test
    void aCopyHasCloudFormationsFieldNamesAndLeavesOutWhatACreateDoesNotHave() {
        ObjectNode copy = RequestJson.copyOf(CfnRequest.parse(event("Create")));

        assertThat(copy.get("RequestType").asText()).isEqualTo("Create");
        assertThat(copy.get("ResponseURL").asText()).isEqualTo(RESPONSE_URL);
        assertThat(copy.get("ResourceProperties").get("SubjectAlternativeNames")).hasSize(2);
        assertThat(copy.has("PhysicalResourceId")).as("a Create has no physical id yet").isFalse();
        assertThat(copy.has("OldResourceProperties")).as("only an Update has old properties").isFalse();
    }

    @Test
    void anUpdateKeepsItsOldPropertiesEvenWhenThereAreNone() {
        ObjectNode event = event("Update");
        event.putObject("OldResourceProperties");

        ObjectNode copy = RequestJson.copyOf(CfnRequest.parse(event));

        assertThat(copy.get("OldResourceProperties").isObject())
                .as("CfnRequest.parse requires OldResourceProperties for an Update").isTrue();
    }

    @Test
    void changingACopyLeavesTheRequestAndLaterCopiesAlone() {
        CfnRequest request = CfnRequest.parse(event("Create"));

        ObjectNode carried = RequestJson.copyOf(request);
        carried.put("ResponseURL", "sealed");
        ((ObjectNode) carried.get("ResourceProperties")).put("DomainName", "changed.example");

        assertThat(request.responseUrl()).isEqualTo(RESPONSE_URL);
        assertThat(request.resourceProperties()).containsEntry("DomainName", "archivium.ca");
        assertThat(RequestJson.copyOf(request).get("ResponseURL").asText()).isEqualTo(RESPONSE_URL);
    }
}
