package ca.archivium.dnscert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An HTTP answer the {@link FaultProxy} sends back: either moto's, possibly altered, or one made up by a fault.
 *
 * @param status  HTTP status code
 * @param headers response headers (framing headers such as Content-Length are recomputed when sent)
 * @param body    response body, possibly empty
 */
public record ProxyReply(int status, Map<String, List<String>> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An error in the shape the service's protocol uses, so the SDK parses its code as it would AWS's.
     * {@code type} ({@code Sender} or {@code Receiver}), {@code code} and {@code message} are plain text, put in as is.
     */
    public static ProxyReply awsError(AwsCall call, int status, String type, String code, String message) {
        if (call.speaksJson()) {
            return of(status, "application/x-amz-json-1.1",
                    "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
        }
        return of(status, "text/xml",
                "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>");
    }

    /** A reply with the given status, content type and text body. */
    public static ProxyReply of(int status, String contentType, String body) {
        return new ProxyReply(status, Map.of("Content-Type", List.of(contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The JSON document of a 200 answer, changed by {@code change}; any other answer as it is. */
    public ProxyReply withJson(Consumer<ObjectNode> change) {
        if (status != 200) {
            return this;
        }
        try {
            JsonNode document = JSON.readTree(body);
            if (!document.isObject()) {
                throw new IllegalStateException("not a JSON object: " + bodyText());
            }
            change.accept((ObjectNode) document);
            return new ProxyReply(status, headers, JSON.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + bodyText(), e);
        }
    }
}
