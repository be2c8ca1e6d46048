package ca.archivium.dnscert.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CfnResponseTest {

    private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0e7e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final ReplyAddress TO = new ReplyAddress("https://bucket.s3.amazonaws.com/key?X-Amz-Signature=s",
            "arn:aws:cloudformation:us-east-1:123456789012:stack/web/guid", "req-1", "Cert", null);

    @Test
    void aSuccessIsAddressedToTheRequestItAnswers() {
        CfnResponse response = CfnResponse.success(TO, ARN, Map.of("Arn", ARN), Set.of("Arn"));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.SUCCESS);
        assertThat(response.reason()).as("a SUCCESS is given no reason").isNull();
        assertThat(response.physicalResourceId()).isEqualTo(ARN);
        assertThat(response.stackId()).isEqualTo(TO.stackId());
        assertThat(response.requestId()).isEqualTo("req-1");
        assertThat(response.logicalResourceId()).isEqualTo("Cert");
        assertThat(response.noEcho()).isFalse();
        assertThat(response.essentialDataKeys()).containsExactly("Arn");
    }

    @Test
    void dataKeepsItsOrderAndCannotBeChangedAfterwards() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Arn", ARN);
        List<String> zones = new ArrayList<>(List.of("Z1", "Z2"));
        data.put("HostedZoneIds", zones);

        CfnResponse response = CfnResponse.success(TO, ARN, data, Set.of("Arn"));
        zones.add("Z3");
        data.put("DomainName", "archivium.ca");

        assertThat(response.data().keySet()).as("most important first, as given").containsExactly("Arn", "HostedZoneIds");
        assertThat(response.data().get("HostedZoneIds")).as("a copy, not the caller's list").isEqualTo(List.of("Z1", "Z2"));
        assertThatThrownBy(() -> response.data().put("Arn", "other")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aLoneSurrogateInTheReasonBecomesAReplacementCharacter() {
        assertThat(CfnResponse.failed(TO, ARN, "broken \uD83D text").reason()).isEqualTo("broken \uFFFD text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aFailedResponseAlwaysHasAReason(String blank) {
        assertThat(CfnResponse.failed(TO, "Cert-failed", blank).reason()).isEqualTo(CfnResponse.DEFAULT_FAILURE_REASON);
        assertThat(CfnResponse.failed(TO, "Cert-failed", null).reason()).isEqualTo(CfnResponse.DEFAULT_FAILURE_REASON);
    }

    @Test
    void aReasonDoesNotCarrySecretsIntoStackEvents() {
        CfnResponse response = CfnResponse.failed(TO, "Cert", "PUT to " + TO.responseUrl() + " failed");

        assertThat(response.reason()).doesNotContain("X-Amz-Signature").contains("?<redacted>");
    }

    @Test
    void dataValuesAreStringsOrListsOfStrings() {
        assertThatThrownBy(() -> CfnResponse.success(TO, ARN, Map.of("Count", 3), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Data key 'Count' must be a String or a list of Strings, not Integer");
    }

    @Test
    void anEssentialKeyMustHaveAValue() {
        assertThatThrownBy(() -> CfnResponse.success(TO, ARN, Map.of(), Set.of("Arn")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Essential Data key 'Arn' has no value");
    }

    @Test
    void aResponseNeedsAPhysicalId() {
        assertThatThrownBy(() -> CfnResponse.failed(TO, " ", "bad input"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PhysicalResourceId is missing");
    }
}
