package ca.archivium.dnscert.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Custom-resource events built in code, for the tests of this package that run without the repository's events/. */
public final class CustomResourceEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CustomResourceEvents() {
    }

    /** A {@code type} event of stack "web" in eu-west-1 for resource "Cert", request "req-1", with {@code properties}. */
    public static ObjectNode event(String type, Map<String, String> properties) {
        ObjectNode event = JSON.createObjectNode()
            .put("RequestType", type)
            .put("ResponseURL", "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/r")
            .put("StackId", "arn:aws:cloudformation:eu-west-1:123456789012:stack/web/1")
            .put("RequestId", "req-1")
            .put("LogicalResourceId", "Cert")
            .put("ResourceType", "Custom::DnsValidatedCert");
        ObjectNode props = event.putObject("ResourceProperties")
            .put("ServiceToken", "arn:aws:lambda:eu-west-1:123456789012:function:f");
        properties.forEach(props::put);
        return event;
    }
}
