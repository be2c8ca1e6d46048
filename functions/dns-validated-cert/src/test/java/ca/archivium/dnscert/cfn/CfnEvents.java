package ca.archivium.dnscert.cfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Custom-resource events as CloudFormation sends them, for the tests of this package. */
final class CfnEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RESPONSE_URL = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/"
            + "arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/web/guid%7CCert%7Creq-1"
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123456789abcdef";
    static final String STACK_ID =
            "arn:aws:cloudformation:us-east-1:123456789012:stack/web-prod/5b6f2a10-1c2d-11ef-9e5a-0a1b2c3d4e5f";

    /** A {@code requestType} event as CloudFormation sends it, with a list and a list of objects among its properties. */
    static ObjectNode event(String requestType) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", requestType);
        event.put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:dns-validated-cert");
        event.put("ResponseURL", RESPONSE_URL);
        event.put("StackId", STACK_ID);
        event.put("RequestId", "req-1");
        event.put("LogicalResourceId", "Cert");
        event.put("ResourceType", "Custom::DnsValidatedCert");
        ObjectNode properties = event.putObject("ResourceProperties");
        properties.put("ServiceToken", "arn:aws:lambda:us-east-1:123456789012:function:dns-validated-cert");
        properties.put("DomainName", "archivium.ca");
        properties.putArray("SubjectAlternativeNames").add("www.archivium.ca").add("*.dev.archivium.ca");
        properties.putArray("Tags").addObject().put("Key", "team").put("Value", "web");
        if (!"Create".equals(requestType)) {
            event.put("PhysicalResourceId", "arn:aws:acm:us-east-1:123456789012:certificate/abc");
        }
        if ("Update".equals(requestType)) {
            event.putObject("OldResourceProperties").put("DomainName", "old.archivium.ca");
        }
        return event;
    }

    private CfnEvents() {
    }
}
