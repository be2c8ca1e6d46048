package ca.archivium.dnscert.testing.conformance;

import ca.archivium.dnscert.testing.ProxyReply;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error as a service answers it, in its protocol's shape (HTTP 400 unless said otherwise):
 * <ul>
 *   <li>JSON 1.0 and 1.1 (ACM, Step Functions, KMS): {@code {"__type":"ValidationException","message":"..."}} with
 *       the JSON content type of the service's version and an {@code x-amzn-RequestId} header
 *       (<a href="https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html">awsJson1_1</a>);</li>
 *   <li>query (STS): {@code <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>...}
 *       (<a href="https://smithy.io/2.0/aws/protocols/aws-query-protocol.html">awsQuery</a>; STS's code, type and
 *       message as quoted in JuliaCloud/AWSCore.jl PR #38);</li>
 *   <li>REST-XML (Route 53): the same {@code ErrorResponse} in Route 53's namespace
 *       (<a href="https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html">restXml</a>), code
 *       {@code InvalidInput} for requests that fail the model (hashicorp/terraform-provider-aws #7557, status
 *       400).</li>
 * </ul>
 *
 * @param protocol     the service's protocol
 * @param jsonVersion  the JSON protocol's version
 * @param xmlNamespace the namespace of the XML error document
 * @param status       the HTTP status
 * @param code         the error code ({@code ValidationException})
 * @param message      the message
 */
public record AwsError(String protocol, String jsonVersion, String xmlNamespace, int status, String code,
                       String message) {

    /** A request that fails the model, answered by a JSON or query service. */
    static AwsError validation(ServiceModel model, String message) {
        return of(model, 400, model.protocol().equals("query") ? "ValidationError" : "ValidationException", message);
    }

    /** A Route 53 request that fails the model. */
    static AwsError invalidInput(ServiceModel model, String message) {
        return of(model, 400, "InvalidInput", message);
    }

    /** A JSON body that is not the structure the operation takes. */
    static AwsError serialization(ServiceModel model, String message) {
        return of(model, 400, "SerializationException", message);
    }

    /** Any error of this service. */
    public static AwsError of(ServiceModel model, int status, String code, String message) {
        return new AwsError(model.protocol(), model.jsonVersion(), model.xmlNamespace(), status, code, message);
    }

    /** The HTTP answer. */
    public ProxyReply reply() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        if (protocol.equals("json")) {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", code).put("message", message);
            headers.put("Content-Type", List.of("application/x-amz-json-" + (jsonVersion.isEmpty() ? "1.1" : jsonVersion)));
            return new ProxyReply(status, headers, body.toString().getBytes(StandardCharsets.UTF_8));
        }
        String xml = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + xmlNamespace + "\"><Error><Type>"
            + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + escape(code) + "</Code><Message>"
            + escape(message) + "</Message></Error><RequestId>" + headers.get("x-amzn-RequestId").get(0)
            + "</RequestId></ErrorResponse>";
        headers.put("Content-Type", List.of("text/xml"));
        return new ProxyReply(status, headers, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
