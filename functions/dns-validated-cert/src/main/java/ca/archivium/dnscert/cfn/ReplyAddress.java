package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.log.Redaction;

/**
 * What a response needs to reach CloudFormation and be matched to its request. Available even for a
 * request that is otherwise malformed, so that it can still be answered FAILED instead of leaving the
 * stack waiting for an hour.
 *
 * @param physicalResourceId the id the request carried, or null (a Create carries none)
 */
public record ReplyAddress(String responseUrl, String stackId, String requestId, String logicalResourceId,
                           String physicalResourceId) {

    /** Keeps the ResponseURL's signature out of any log line that prints this value. */
    @Override
    public String toString() {
        return "ReplyAddress[responseUrl=" + Redaction.url(responseUrl) + ", stackId=" + stackId
                + ", requestId=" + requestId + ", logicalResourceId=" + logicalResourceId
                + ", physicalResourceId=" + physicalResourceId + "]";
    }
}
