package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;

/** The physical id of a Create that failed before it had a certificate (otherwise the id is the certificate ARN). */
final class PhysicalIds {
    private static final String NOT_CREATED = "not-created:";

    private PhysicalIds() {
    }

    /** What a Create that created nothing answers with; its rollback Delete then has nothing to do. */
    static String notCreated(CfnRequest request) {
        return NOT_CREATED + request.logicalResourceId() + ":" + request.requestId();
    }
}
