package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.ReplyAddress;
import ca.archivium.dnscert.cfn.RequestType;

/**
 * The one place that decides which physical id a FAILED answer carries (DESIGN.md rule 8), wherever the failure
 * happened: in the handler, when the wait loop could not start, or in the loop.
 *
 * <ul>
 *   <li>A Create that has a certificate answers with its ARN, so the rollback Delete removes it; one that has none
 *       answers {@code not-created:<LogicalResourceId>:<RequestId>}, which the rollback Delete skips.</li>
 *   <li>An Update or a Delete answers with the physical id it was sent: CloudFormation keeps the resource it knew.
 *       A certificate a failed Update requested is never named (the caller releases it, {@link FailedReplacement}).</li>
 *   <li>A request too malformed to read answers with the physical id it carried, or as a Create with nothing.</li>
 * </ul>
 */
final class FailedAnswer {
    private static final String NOT_CREATED = "not-created:";

    private FailedAnswer() {
    }

    /**
     * @param certificateArn the certificate the request made or worked on, or null when there is none yet
     */
    static CfnResponse of(CfnRequest request, String certificateArn, String reason) {
        String known = request.requestType() == RequestType.CREATE ? certificateArn : request.physicalResourceId();
        return failed(request.replyAddress(), known, reason);
    }

    /** The answer to a request of which only the reply address could be read. */
    static CfnResponse ofMalformed(ReplyAddress to, String reason) {
        return failed(to, to.physicalResourceId(), reason);
    }

    private static CfnResponse failed(ReplyAddress to, String knownPhysicalId, String reason) {
        return CfnResponse.failed(to, knownPhysicalId != null ? knownPhysicalId
            : NOT_CREATED + to.logicalResourceId() + ":" + to.requestId(), reason);
    }
}
