package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.log.JsonLog;

/** The context every line about a request carries: its CloudFormation RequestId, stack and logical id. */
final class RequestLog {
    private RequestLog() {
    }

    static JsonLog of(JsonLog log, CfnRequest request) {
        return log.with(JsonLog.REQUEST_ID, request.requestId()).with(JsonLog.STACK, request.stackName())
            .with(JsonLog.LOGICAL_ID, request.logicalResourceId());
    }
}
