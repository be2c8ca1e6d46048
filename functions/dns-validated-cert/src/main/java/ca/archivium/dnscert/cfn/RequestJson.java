package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.json.JsonTrees;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON copies of a {@link CfnRequest}, for carrying the request through the wait loop's state.
 *
 * <p>A copy has CloudFormation's field names and holds the fields a {@code CfnRequest} keeps, so
 * {@link CfnRequest#parse(com.fasterxml.jackson.databind.JsonNode)} reads it back as an equal request.
 */
public final class RequestJson {

    private RequestJson() {
    }

    /** The event as CloudFormation sent it (the fields the request keeps); a new tree the caller may change. */
    public static ObjectNode copyOf(CfnRequest request) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("RequestType", request.requestType().wireName());
        event.put("ResponseURL", request.responseUrl());
        event.put("StackId", request.stackId());
        event.put("RequestId", request.requestId());
        event.put("LogicalResourceId", request.logicalResourceId());
        if (request.physicalResourceId() != null) {
            event.put("PhysicalResourceId", request.physicalResourceId());
        }
        event.put("ResourceType", request.resourceType());
        event.set("ResourceProperties", JsonTrees.of(request.resourceProperties()));
        if (request.requestType() == RequestType.UPDATE || !request.oldResourceProperties().isEmpty()) {
            event.set("OldResourceProperties", JsonTrees.of(request.oldResourceProperties()));
        }
        return event;
    }
}
