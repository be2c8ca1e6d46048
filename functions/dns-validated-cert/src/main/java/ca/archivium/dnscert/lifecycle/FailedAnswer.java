package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.cfn.ReplyAddress;
import ca.archivium.dnscert.cfn.RequestType;
import ca.archivium.dnscert.failure.Failure;

/**
 * The one place that decides which physical id a FAILED answer carries (rule 8 of docs/rules.md), wherever the failure
 * happened: in the handler, when the wait loop could not start, or in the loop.
 *
 * <ul>
 *   <li>A Create that has a certificate answers with its ARN, so the rollback Delete removes it (and, when it requested
 *       that certificate, its reason says so); one that has none answers
 *       {@code not-created:<LogicalResourceId>:<RequestId>}, which the rollback Delete skips.</li>
 *   <li>An Update or a Delete answers with the physical id it was sent: CloudFormation keeps the resource it knew.
 *       A certificate a failed Update requested is never named (the caller releases it, {@link FailedReplacement}).</li>
 *   <li>A request too malformed to read answers with the physical id it carried, or as a Create with nothing.</li>
 * </ul>
 */
final class FailedAnswer {
    private static final String NOT_CREATED = "not-created:";

    private FailedAnswer() {
    }

    /** The answer to a request that has no certificate (yet). */
    static CfnResponse of(CfnRequest request, Failure failure) {
        return of(request, null, false, failure);
    }

    /**
     * @param certificateArn the certificate the request made or worked on, or null when there is none yet
     * @param reused         true when that certificate was an existing one the request took: a rollback lets go of it
     *                       without deleting it
     */
    static CfnResponse of(CfnRequest request, String certificateArn, boolean reused, Failure failure) {
        if (request.requestType() != RequestType.CREATE) {
            return failed(request.replyAddress(), request.physicalResourceId(), failure);
        }
        return failed(request.replyAddress(), certificateArn, certificateArn == null || reused ? failure
            : failure.followedBy(Failure.rollbackDeletesTheCertificate()));
    }

    /** The answer to a request of which only the reply address could be read. */
    static CfnResponse ofMalformed(ReplyAddress to, Failure failure) {
        return failed(to, to.physicalResourceId(), failure);
    }

    private static CfnResponse failed(ReplyAddress to, String knownPhysicalId, Failure failure) {
        return CfnResponse.failed(to, knownPhysicalId != null ? knownPhysicalId
            : NOT_CREATED + to.logicalResourceId() + ":" + to.requestId(), failure.reason());
    }
}
