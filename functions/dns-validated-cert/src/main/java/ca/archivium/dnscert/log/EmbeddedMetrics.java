package ca.archivium.dnscert.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Metrics in CloudWatch Embedded Metric Format: one log line per value, which CloudWatch Logs turns into a metric
 * in namespace {@value #NAMESPACE}, with no call to the CloudWatch API.
 *
 * <p>A metric line is written through a {@link JsonLog}, so it carries that logger's context fields and
 * invocation id as searchable properties (they are not dimensions), and its timestamp comes from the logger's
 * clock.
 */
public final class EmbeddedMetrics {

    /** The CloudWatch namespace of every metric this project emits. */
    public static final String NAMESPACE = "DnsValidatedCert";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonLog log;

    /** @param log the logger whose output, context and clock the metric lines share */
    public EmbeddedMetrics(JsonLog log) {
        this.log = log;
    }

    /**
     * Emits one value of metric {@code name}.
     *
     * @param dimensions the metric's dimensions, in order (may be empty)
     */
    public void emit(String name, double value, MetricUnit unit, Map<String, String> dimensions) {
        ObjectNode line = NODES.objectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", log.clock().millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
        dimensions.keySet().forEach(dimensionSet::add);
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", unit.cloudWatchName());
        log.putContext(line);
        dimensions.forEach((key, dimensionValue) -> line.put(key, Redaction.text(dimensionValue)));
        line.put(name, value);
        log.print(line);
    }
}
