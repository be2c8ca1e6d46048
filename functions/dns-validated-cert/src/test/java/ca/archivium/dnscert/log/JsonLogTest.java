package ca.archivium.dnscert.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private static final String PRESIGNED =
            "https://bucket.s3.amazonaws.com/key?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE&X-Amz-Signature=feedface";

    private final CapturedLog captured = new CapturedLog();
    private final JsonLog log = captured.log();

    private String output() {
        return captured.output();
    }

    private List<JsonNode> lines() {
        return captured.lines();
    }

    @Test
    void everyLineWrittenDuringAnInvocationCarriesItsIdWhicheverLoggerWroteIt() {
        JsonLog derivedBefore = log.with(JsonLog.STACK, "web");
        try (JsonLog.Scope invocation = log.invocation("8f5e1c1e-lambda-invocation")) {
            derivedBefore.info("from a logger built at start-up");
            log.with(JsonLog.REQUEST_ID, "cfn-1").info("from a logger built during the invocation");
            new EmbeddedMetrics(log).emit("Throttles", 1, MetricUnit.COUNT, Map.of());
        }
        log.info("after the invocation");

        List<JsonNode> lines = lines();
        assertThat(lines.subList(0, 3)).as("lines during the invocation")
                .allSatisfy(line -> assertThat(line.path(JsonLog.INVOCATION_ID).asText())
                        .isEqualTo("8f5e1c1e-lambda-invocation"));
        assertThat(lines.get(1).path("cloudFormationRequestId").asText())
                .as("CloudFormation's RequestId has its own name, apart from Lambda's requestId").isEqualTo("cfn-1");
        assertThat(lines.get(1).has("requestId")).isFalse();
        assertThat(lines.get(3).has(JsonLog.INVOCATION_ID)).as("the scope ends with the invocation").isFalse();
    }

    @Test
    void nothingUnknownIsWrittenAsTheWordNull() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("physicalResourceId", null);
        log.with(JsonLog.CERTIFICATE_ARN, null).info("request received", fields);
        log.error("request failed", new IllegalStateException((String) null, new RuntimeException((String) null)));

        assertThat(output()).as("absent values are left out, not spelled null").doesNotContain("null");
        assertThat(lines().get(0).has("physicalResourceId")).isFalse();
        assertThat(lines().get(1).path("errorMessage").asText())
                .isEqualTo("java.lang.IllegalStateException | caused by java.lang.RuntimeException");
    }

    @Test
    void rule10_eachLineIsOneJsonObjectWithTimestampLevelAndMessage() {
        log.info("Certificate requested");
        log.warn("Record not yet visible");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(lines.get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).get("message").asText()).isEqualTo("Certificate requested");
        assertThat(lines.get(1).get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void contextIsDerivedWithoutChangingTheOriginal() {
        JsonLog request = log.with(JsonLog.REQUEST_ID, "req-1").with(JsonLog.STACK, "web")
                .with(JsonLog.LOGICAL_ID, "Cert").with(JsonLog.PHASE, "request");
        JsonLog withCertificate = request.with(JsonLog.CERTIFICATE_ARN, "arn:aws:acm:us-east-1:1:certificate/x");

        withCertificate.info("Records written", Map.of("zones", List.of("Z1", "Z2")));
        request.info("Still without certificate");
        log.info("No context");

        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("cloudFormationRequestId").asText()).isEqualTo("req-1");
        assertThat(lines.get(0).get("stack").asText()).isEqualTo("web");
        assertThat(lines.get(0).get("logicalId").asText()).isEqualTo("Cert");
        assertThat(lines.get(0).get("phase").asText()).isEqualTo("request");
        assertThat(lines.get(0).get("certificateArn").asText()).isEqualTo("arn:aws:acm:us-east-1:1:certificate/x");
        assertThat(lines.get(0).get("zones")).hasSize(2);
        assertThat(lines.get(1).has("certificateArn")).as("the parent logger is unchanged").isFalse();
        assertThat(lines.get(2).has("cloudFormationRequestId")).as("the root logger is unchanged").isFalse();
    }

    @Test
    void fieldsCannotReplaceTheLineItself() {
        log.info("real message", Map.of("message", "forged", "level", "DEBUG"));

        JsonNode line = lines().get(0);
        assertThat(line.get("message").asText()).isEqualTo("real message");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message_").asText()).isEqualTo("forged");
    }

    @Test
    void rule10_noResponseUrlQueryOrCredentialReachesTheOutput() {
        JsonLog withUrl = log.with("responseUrl", PRESIGNED);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", PRESIGNED);
        fields.put("nested", Map.of("urls", List.of(PRESIGNED)));

        withUrl.info("Sending to " + PRESIGNED, fields);
        withUrl.error("Failed", new IllegalStateException("PUT " + PRESIGNED + " refused",
                new RuntimeException("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
        new EmbeddedMetrics(withUrl).emit("ResponsesSent", 1, MetricUnit.COUNT, Map.of("Endpoint", PRESIGNED));

        assertThat(output()).doesNotContain("feedface").doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("X-Amz-Signature").doesNotContain("wJalrXUtnFEMI").contains("?<redacted>");
    }

    @Test
    void anErrorCarriesItsTypeMessageCausesAndStack() {
        log.error("Delete failed", new IllegalStateException("certificate in use", new RuntimeException("by CloudFront")));

        JsonNode line = lines().get(0);
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("errorMessage").asText())
                .isEqualTo("certificate in use | caused by java.lang.RuntimeException: by CloudFront");
        assertThat(line.get("stackTrace").size()).isPositive();
    }
}
