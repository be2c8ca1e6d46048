package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import java.util.regex.Pattern;

/** Physical resource ids: a certificate ARN, or a marker for a Create that failed before it had one. */
final class PhysicalIds {
    private static final Pattern CERTIFICATE_ARN =
        Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");
    private static final String NOT_CREATED = "not-created:";

    private PhysicalIds() {
    }

    static boolean isCertificateArn(String physicalId) {
        return physicalId != null && CERTIFICATE_ARN.matcher(physicalId).matches();
    }

    /** The region a certificate ARN names. */
    static String regionOf(String certificateArn) {
        return certificateArn.split(":")[3];
    }

    /** What a Create that created nothing answers with; its rollback Delete then has nothing to do. */
    static String notCreated(CfnRequest request) {
        return NOT_CREATED + request.logicalResourceId() + ":" + request.requestId();
    }
}
