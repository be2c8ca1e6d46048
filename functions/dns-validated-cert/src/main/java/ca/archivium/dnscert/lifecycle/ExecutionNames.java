package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.acm.IdempotencyToken;
import ca.archivium.dnscert.cfn.CfnRequest;

/**
 * Step Functions execution names: the logical id, so a person can find the execution, and a suffix derived
 * from this very delivery of the request (its RequestId and ResponseURL).
 *
 * <p>CloudFormation reuses a RequestId when a deployment is retried, but with a new ResponseURL, so each attempt
 * gets a fresh name and never meets {@code ExecutionAlreadyExists}. A Lambda retry of the same delivery gets
 * the same name, and Step Functions then refuses a second loop: one request, one answer.
 */
final class ExecutionNames {
    private static final int MAX_LENGTH = 80;

    private ExecutionNames() {
    }

    static String of(CfnRequest request) {
        String suffix = "-" + request.requestType().wireName().toLowerCase(java.util.Locale.ROOT) + "-"
            + IdempotencyToken.of(request.requestId(), request.responseUrl()).substring(0, 12);
        String logical = request.logicalResourceId().replaceAll("[^A-Za-z0-9_-]", "_");
        int room = MAX_LENGTH - suffix.length();
        return (logical.length() > room ? logical.substring(0, room) : logical) + suffix;
    }
}
