package ca.archivium.dnscert.cfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON copies of a {@link CfnRequest}, for carrying the request through the wait loop's state.
 *
 * <p>A copy has CloudFormation's field names and holds the fields a {@code CfnRequest} keeps, so
 * {@link CfnRequest#parse(com.fasterxml.jackson.databind.JsonNode)} reads it back as an equal request.
 */
public final class RequestJson {

    // Writes plain trees only; configured once, never changed, safe to share between threads.
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestJson() {
    }

    /** The event as CloudFormation sent it (the fields the request keeps); a new tree the caller may change. */
    public static ObjectNode copyOf(CfnRequest request) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", request.requestType().wireName());
        event.put("ResponseURL", request.responseUrl());
        event.put("StackId", request.stackId());
        event.put("RequestId", request.requestId());
        event.put("LogicalResourceId", request.logicalResourceId());
        if (request.physicalResourceId() != null) {
            event.put("PhysicalResourceId", request.physicalResourceId());
        }
        event.put("ResourceType", request.resourceType());
        event.set("ResourceProperties", JSON.valueToTree(request.resourceProperties()));
        if (request.requestType() == RequestType.UPDATE || !request.oldResourceProperties().isEmpty()) {
            event.set("OldResourceProperties", JSON.valueToTree(request.oldResourceProperties()));
        }
        return event;
    }
}
