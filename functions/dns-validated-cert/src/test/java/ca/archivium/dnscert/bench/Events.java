package ca.archivium.dnscert.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** CloudFormation events for the benchmark's resources, answered to a {@link TimedSink}. */
final class Events {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE_TOKEN = "arn:aws:lambda:eu-west-1:123456789012:function:dns-validated-cert:live";
    private static final String STACK = "arn:aws:cloudformation:eu-west-1:123456789012:stack/benchmark/"
        + "0a1b2c3d-0000-4000-8000-000000000000";

    private final TimedSink sink;
    private final Path directory;

    Events(TimedSink sink, Path directory) {
        this.sink = sink;
        this.directory = directory;
    }

    /** Resource properties with the ServiceToken CloudFormation always adds; callers add the rest. */
    static ObjectNode properties(String domainName) {
        ObjectNode properties = JSON.createObjectNode();
        properties.put("ServiceToken", SERVICE_TOKEN);
        properties.put("DomainName", domainName);
        return properties;
    }

    ObjectNode create(String logicalId, ObjectNode properties) {
        return event("Create", logicalId, properties);
    }

    ObjectNode update(String logicalId, String physicalId, ObjectNode properties, ObjectNode oldProperties) {
        ObjectNode event = event("Update", logicalId, properties);
        event.put("PhysicalResourceId", physicalId);
        event.set("OldResourceProperties", oldProperties);
        return event;
    }

    ObjectNode delete(String logicalId, String physicalId, ObjectNode properties) {
        ObjectNode event = event("Delete", logicalId, properties);
        event.put("PhysicalResourceId", physicalId);
        return event;
    }

    /** Writes the event to a file of its own, for {@code dnscert invoke}. */
    Path write(ObjectNode event) {
        Path file = directory.resolve(event.path("RequestId").asText() + ".json");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(file.toFile(), event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String requestId(ObjectNode event) {
        return event.path("RequestId").asText();
    }

    private ObjectNode event(String type, String logicalId, ObjectNode properties) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", type);
        event.put("ServiceToken", SERVICE_TOKEN);
        event.put("ResponseURL", sink.urlFor(requestId));
        event.put("StackId", STACK);
        event.put("RequestId", requestId);
        event.put("LogicalResourceId", logicalId);
        event.put("ResourceType", "Custom::DnsValidatedCert");
        event.set("ResourceProperties", properties);
        return event;
    }
}
