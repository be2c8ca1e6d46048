package ca.archivium.dnscert.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0e7e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final ReplyAddress TO = new ReplyAddress("https://bucket.s3.amazonaws.com/key?X-Amz-Signature=s",
            "arn:aws:cloudformation:us-east-1:123456789012:stack/web/guid", "req-1", "Cert", null);

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    private static List<String> manyNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("service-" + i + ".very-long-subdomain-name-for-testing.dev.archivium.ca");
        }
        return names;
    }

    /** A response whose Data is the Arn, then {@code names} long names under {@code Names}. */
    private static CfnResponse withNames(CfnResponse.Status status, String reason, int names, Set<String> essentialKeys) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Arn", ARN);
        data.put("Names", manyNames(names));
        return new CfnResponse(status, reason, ARN, TO.stackId(), TO.requestId(), TO.logicalResourceId(), false, data,
                essentialKeys);
    }

    @Test
    void successCarriesEveryFieldCloudFormationReads() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Arn", ARN);
        data.put("HostedZoneIds", List.of("Z1", "Z2"));

        JsonNode body = read(ResponseBody.toJsonBytes(CfnResponse.success(TO, ARN, data, Set.of("Arn"))));

        assertThat(body.get("Status").asText()).isEqualTo("SUCCESS");
        assertThat(body.has("Reason")).as("a SUCCESS without reason sends none").isFalse();
        assertThat(body.get("PhysicalResourceId").asText()).isEqualTo(ARN);
        assertThat(body.get("StackId").asText()).isEqualTo(TO.stackId());
        assertThat(body.get("RequestId").asText()).isEqualTo("req-1");
        assertThat(body.get("LogicalResourceId").asText()).isEqualTo("Cert");
        assertThat(body.get("NoEcho").asBoolean(true)).isFalse();
        assertThat(body.get("Data").get("Arn").asText()).isEqualTo(ARN);
        assertThat(body.get("Data").get("HostedZoneIds")).hasSize(2);
    }

    @Test
    void aHugeReasonIsShortenedFromTheEnd() {
        String reason = "Validation pending for www.archivium.ca. " + "x".repeat(100_000);

        byte[] body = ResponseBody.toJsonBytes(CfnResponse.failed(TO, ARN, reason));

        assertThat(body.length).isLessThanOrEqualTo(ResponseBody.MAX_BODY_BYTES);
        String sent = read(body).get("Reason").asText();
        assertThat(sent).startsWith("Validation pending for www.archivium.ca. ").endsWith(ResponseBody.TRUNCATION_MARK);
        assertThat(body.length).as("the reason should use the room there is").isGreaterThan(ResponseBody.MAX_BODY_BYTES - 10);
    }

    @Test
    void rule9_theLimitIsInBytesNotCharacters() {
        // Each of these is 4 bytes in UTF-8 and two Java chars; each "é" is 2 bytes and one char.
        String reason = "😀é".repeat(5_000);

        byte[] body = ResponseBody.toJsonBytes(CfnResponse.failed(TO, ARN, reason));

        assertThat(body.length).isLessThanOrEqualTo(ResponseBody.MAX_BODY_BYTES);
        String sent = read(body).get("Reason").asText();
        String kept = sent.substring(0, sent.length() - ResponseBody.TRUNCATION_MARK.length());
        assertThat(kept).as("no emoji is cut in half").doesNotContain("\uFFFD");
        assertThat(reason).startsWith(kept);
    }

    @Test
    void aLongReasonIsShortenedBeforeAnyDataIsDropped() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Arn", ARN);
        data.put("DomainName", "archivium.ca");
        CfnResponse response = new CfnResponse(CfnResponse.Status.SUCCESS, "r".repeat(10_000), ARN, TO.stackId(),
                TO.requestId(), TO.logicalResourceId(), false, data, Set.of("Arn"));

        JsonNode body = read(ResponseBody.toJsonBytes(response));

        assertThat(body.get("Data").has("DomainName")).as("optional data stays while the reason can shrink").isTrue();
        assertThat(body.get("Reason").asText()).endsWith(ResponseBody.TRUNCATION_MARK);
    }

    @Test
    void optionalDataIsDroppedLastFirstButEssentialDataStays() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Arn", ARN);
        data.put("DomainName", "archivium.ca");
        data.put("SubjectAlternativeNames", manyNames(30));
        data.put("HostedZoneIds", List.of("Z0123456789ABC"));
        data.put("ValidationRecords", manyNames(30));

        byte[] bytes = ResponseBody.toJsonBytes(CfnResponse.success(TO, ARN, data, Set.of("Arn", "HostedZoneIds")));

        JsonNode sent = read(bytes).get("Data");
        assertThat(bytes.length).isLessThanOrEqualTo(ResponseBody.MAX_BODY_BYTES);
        assertThat(sent.has("Arn")).as("Arn is essential").isTrue();
        assertThat(sent.has("HostedZoneIds")).as("HostedZoneIds is essential, even listed late").isTrue();
        assertThat(sent.has("ValidationRecords")).as("the last optional key goes first").isFalse();
        assertThat(sent.has("DomainName")).as("earlier keys stay while the rest fits").isTrue();
    }

    @Test
    void theReasonKeepsItsFirstKilobyteWhileDataCanBeDropped() {
        CfnResponse response = withNames(CfnResponse.Status.SUCCESS, "ä".repeat(3_000), 50, Set.of("Arn"));

        JsonNode body = read(ResponseBody.toJsonBytes(response));

        assertThat(body.get("Data").has("Names")).isFalse();
        assertThat(body.get("Reason").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .as("with the optional data gone the reason regrows into the space").isGreaterThan(3_000);
    }

    @Test
    void asALastResortTheReasonShrinksBelowAKilobyte() {
        CfnResponse response = withNames(CfnResponse.Status.FAILED, "why ".repeat(1_000), 45, Set.of("Arn", "Names"));

        byte[] bytes = ResponseBody.toJsonBytes(response);

        JsonNode body = read(bytes);
        assertThat(bytes.length).isLessThanOrEqualTo(ResponseBody.MAX_BODY_BYTES);
        assertThat(body.get("Data").get("Names")).as("essential data is never dropped").hasSize(45);
        assertThat(body.get("Reason").asText()).startsWith("why why").endsWith(ResponseBody.TRUNCATION_MARK);
    }

    @Test
    void essentialDataThatCannotFitIsAnErrorNotAnOversizedBody() {
        CfnResponse response = CfnResponse.success(TO, ARN, Map.of("Names", manyNames(100)), Set.of("Names"));

        assertThatThrownBy(() -> ResponseBody.toJsonBytes(response)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not fit in 4096 bytes");
    }

    @Test
    void jsonEscapesCountTowardsTheLimit() {
        String reason = "\u0001\"\\".repeat(4_000);

        byte[] body = ResponseBody.toJsonBytes(CfnResponse.failed(TO, ARN, reason));

        assertThat(body.length).isLessThanOrEqualTo(ResponseBody.MAX_BODY_BYTES);
    }

    @Test
    void aLoneSurrogateDoesNotBreakTheResponse() {
        byte[] body = ResponseBody.toJsonBytes(CfnResponse.failed(TO, ARN, "broken \uD83D text"));

        assertThat(read(body).get("Reason").asText()).isEqualTo("broken \uFFFD text");
    }
}
