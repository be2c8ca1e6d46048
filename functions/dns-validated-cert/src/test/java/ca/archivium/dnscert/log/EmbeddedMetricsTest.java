package ca.archivium.dnscert.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {

    private final CapturedLog captured = new CapturedLog();
    private final JsonLog log = captured.log();

    @Test
    void metricsAreWrittenInEmbeddedMetricFormat() {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("Operation", "Create");
        dimensions.put("Outcome", "Issued");

        new EmbeddedMetrics(log.with(JsonLog.REQUEST_ID, "req-1"))
                .emit("IssuanceSeconds", 142.5, MetricUnit.SECONDS, dimensions);

        JsonNode line = captured.lines().get(0);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(line.get("_aws").get("Timestamp").asLong()).isEqualTo(CapturedLog.NOW.toEpochMilli());
        assertThat(directive.get("Namespace").asText()).isEqualTo("DnsValidatedCert");
        assertThat(directive.get("Dimensions").get(0)).extracting(JsonNode::asText).containsExactly("Operation", "Outcome");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("IssuanceSeconds");
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Seconds");
        assertThat(line.get("IssuanceSeconds").asDouble()).isEqualTo(142.5);
        assertThat(line.get("Operation").asText()).isEqualTo("Create");
        assertThat(line.get("cloudFormationRequestId").asText()).as("context rides along for correlation").isEqualTo("req-1");
    }

    @Test
    void aContextFieldCannotReplaceTheMetricDirective() {
        new EmbeddedMetrics(log.with("_aws", "forged")).emit("Throttles", 1, MetricUnit.COUNT, Map.of());

        JsonNode line = captured.lines().get(0);
        assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText())
                .as("CloudWatch reads the directive from _aws").isEqualTo(EmbeddedMetrics.NAMESPACE);
        assertThat(line.get("_aws_").asText()).isEqualTo("forged");
    }

    @Test
    void aDimensionValueDoesNotCarryAUrlQueryIntoTheLog() {
        new EmbeddedMetrics(log).emit("ResponsesSent", 1, MetricUnit.COUNT,
                Map.of("Endpoint", "https://bucket.s3.amazonaws.com/key?X-Amz-Signature=feedface"));

        assertThat(captured.lines().get(0).get("Endpoint").asText())
                .isEqualTo("https://bucket.s3.amazonaws.com/key?<redacted>");
    }
}
