package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.log.Redaction;
import ca.archivium.dnscert.json.JsonTrees;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation custom-resource request, parsed and checked once at the edge.
 *
 * <p>Every field CloudFormation always sends is required; {@code physicalResourceId} is null only on
 * Create, and {@code oldResourceProperties} is empty unless the request is an Update. The properties are
 * kept as sent (CloudFormation turns numbers and booleans into strings), including {@code ServiceToken}
 * and the optional {@code ServiceTimeout}; deep, immutable copies.
 */
public record CfnRequest(RequestType requestType, String responseUrl, String stackId, String requestId,
                         String logicalResourceId, String physicalResourceId, String resourceType,
                         Map<String, Object> resourceProperties, Map<String, Object> oldResourceProperties) {

    /** The {@code ServiceTimeout} CloudFormation applies when the template sets none. */
    public static final Duration DEFAULT_SERVICE_TIMEOUT = Duration.ofSeconds(3600);
    /** The native property's range, in seconds. */
    public static final int MIN_SERVICE_TIMEOUT_SECONDS = 1;
    public static final int MAX_SERVICE_TIMEOUT_SECONDS = 3600;

    private static final String SERVICE_TIMEOUT = "ServiceTimeout";

    /**
     * @throws MalformedRequestException naming the first field that is missing or invalid
     */
    public CfnRequest {
        ReplyAddress reply = replyAddressOrNull(responseUrl, stackId, requestId, logicalResourceId, physicalResourceId);
        requirePresent(responseUrl, "ResponseURL", reply);
        requirePresent(stackId, "StackId", reply);
        requirePresent(requestId, "RequestId", reply);
        requirePresent(logicalResourceId, "LogicalResourceId", reply);
        if (requestType == null) {
            throw new MalformedRequestException("RequestType is missing", reply);
        }
        requirePresent(resourceType, "ResourceType", reply);
        if (resourceProperties == null) {
            throw new MalformedRequestException("ResourceProperties is missing", reply);
        }
        if (requestType != RequestType.CREATE && isBlank(physicalResourceId)) {
            throw new MalformedRequestException(
                    "PhysicalResourceId is required for " + requestType.wireName(), reply);
        }
        if (requestType == RequestType.UPDATE && oldResourceProperties == null) {
            throw new MalformedRequestException("OldResourceProperties is required for Update", reply);
        }
        resourceProperties = immutableMap(resourceProperties);
        oldResourceProperties = oldResourceProperties == null ? Map.of() : immutableMap(oldResourceProperties);
        serviceTimeoutOf(resourceProperties, reply);
    }

    /**
     * Parses the raw event bytes.
     *
     * @throws MalformedRequestException if the bytes are not a JSON object or a field is missing or invalid
     */
    public static CfnRequest parse(byte[] json) {
        JsonNode root;
        try {
            root = JsonTrees.read(json);
        } catch (JsonProcessingException e) {
            // getOriginalMessage leaves out Jackson's source excerpt, which could hold the ResponseURL.
            throw new MalformedRequestException(
                    "The request is not valid JSON: " + Redaction.text(e.getOriginalMessage()), null);
        } catch (IOException e) {
            throw new MalformedRequestException("The request could not be read: " + e.getClass().getSimpleName(), null);
        }
        return parse(root);
    }

    /**
     * Parses an event already read as a JSON tree.
     *
     * @throws MalformedRequestException if the tree is not an object or a field is missing or invalid
     */
    public static CfnRequest parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new MalformedRequestException("The request is not a JSON object", null);
        }
        ReplyAddress reply = replyAddressOrNull(lenientText(event, "ResponseURL"), lenientText(event, "StackId"),
                lenientText(event, "RequestId"), lenientText(event, "LogicalResourceId"),
                lenientText(event, "PhysicalResourceId"));
        String requestTypeName = text(event, "RequestType", reply);
        RequestType requestType = requestTypeName == null ? null : RequestType.fromWireName(requestTypeName)
                .orElseThrow(() -> new MalformedRequestException(
                        "RequestType '" + requestTypeName + "' is not one of Create, Update, Delete", reply));
        return new CfnRequest(requestType,
                text(event, "ResponseURL", reply),
                text(event, "StackId", reply),
                text(event, "RequestId", reply),
                text(event, "LogicalResourceId", reply),
                text(event, "PhysicalResourceId", reply),
                text(event, "ResourceType", reply),
                object(event, "ResourceProperties", reply),
                object(event, "OldResourceProperties", reply));
    }

    /** Where and how to answer this request. */
    public ReplyAddress replyAddress() {
        return new ReplyAddress(responseUrl, stackId, requestId, logicalResourceId, physicalResourceId);
    }

    /**
     * The stack's name, from {@code arn:aws:cloudformation:region:account:stack/NAME/guid}; the whole
     * StackId when it does not have that shape.
     */
    public String stackName() {
        int start = stackId.indexOf(":stack/");
        if (start < 0) {
            return stackId;
        }
        String rest = stackId.substring(start + ":stack/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /**
     * How long CloudFormation waits for the answer: {@code ServiceTimeout} in seconds, or
     * {@link #DEFAULT_SERVICE_TIMEOUT}. Validated when the request was built.
     */
    public Duration serviceTimeout() {
        return serviceTimeoutOf(resourceProperties, replyAddress());
    }

    /** Keeps the ResponseURL's signature out of any log line that prints this value. */
    @Override
    public String toString() {
        return "CfnRequest[requestType=" + requestType + ", responseUrl=" + Redaction.url(responseUrl)
                + ", stackId=" + stackId + ", requestId=" + requestId + ", logicalResourceId=" + logicalResourceId
                + ", physicalResourceId=" + physicalResourceId + ", resourceType=" + resourceType
                + ", resourceProperties=" + resourceProperties + ", oldResourceProperties=" + oldResourceProperties
                + "]";
    }

    private static Duration serviceTimeoutOf(Map<String, Object> properties, ReplyAddress reply) {
        Object raw = properties.get(SERVICE_TIMEOUT);
        if (raw == null) {
            return DEFAULT_SERVICE_TIMEOUT;
        }
        // CloudFormation sends every property as a string; a hand-written event may carry a number.
        BigInteger seconds = null;
        if (raw instanceof String text && text.trim().matches("[0-9]{1,10}")) {
            seconds = new BigInteger(text.trim());
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            seconds = BigInteger.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger big) {
            seconds = big;
        }
        if (seconds == null || seconds.compareTo(BigInteger.valueOf(MIN_SERVICE_TIMEOUT_SECONDS)) < 0
                || seconds.compareTo(BigInteger.valueOf(MAX_SERVICE_TIMEOUT_SECONDS)) > 0) {
            throw new MalformedRequestException(SERVICE_TIMEOUT + " '" + raw + "' is not a whole number of seconds from "
                    + MIN_SERVICE_TIMEOUT_SECONDS + " to " + MAX_SERVICE_TIMEOUT_SECONDS, reply);
        }
        return Duration.ofSeconds(seconds.longValue());
    }

    private static ReplyAddress replyAddressOrNull(String responseUrl, String stackId, String requestId,
                                                   String logicalResourceId, String physicalResourceId) {
        if (isBlank(responseUrl) || isBlank(stackId) || isBlank(requestId) || isBlank(logicalResourceId)) {
            return null;
        }
        return new ReplyAddress(responseUrl, stackId, requestId, logicalResourceId, physicalResourceId);
    }

    private static void requirePresent(String value, String field, ReplyAddress reply) {
        if (isBlank(value)) {
            throw new MalformedRequestException(field + " is missing", reply);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String lenientText(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static String text(JsonNode event, String field, ReplyAddress reply) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedRequestException(field + " must be a string, not " + kind(value), reply);
        }
        return value.textValue();
    }

    private static Map<String, Object> object(JsonNode event, String field, ReplyAddress reply) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new MalformedRequestException(field + " must be an object, not " + kind(value), reply);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toJava(value);
        return map;
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Object toJava(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(entry -> map.put(entry.getKey(), toJava(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toJava(item)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return null;
    }

    private static Map<String, Object> immutableMap(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> copy.put(key, immutableValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object immutableValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), immutableValue(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(immutableValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
