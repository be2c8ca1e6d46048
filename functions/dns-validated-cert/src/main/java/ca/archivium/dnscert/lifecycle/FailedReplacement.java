package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.failure.Failure;
import java.util.Map;

/**
 * A failed Update answers with the old physical id, so CloudFormation never learns of a certificate the update
 * had just requested: it is released here instead of being orphaned.
 */
final class FailedReplacement {
    private FailedReplacement() {
    }

    /** Releases {@code newArn} for the request's owner; returns a sentence for the reason. */
    static String release(CertificateEngine engine, CfnRequest request, String newArn) {
        try {
            Release release = engine.release(CertificateArn.of(newArn), Owners.of(request), Map.of());
            return switch (release.kind()) {
                case DELETED, ALREADY_GONE -> Failure.replacementDeleted(newArn);
                case LEFT_IN_PLACE -> Failure.replacementLeftInPlace(newArn, release.detail());
                case IN_USE -> Failure.replacementInUse(newArn, release.detail());
            };
        } catch (RuntimeException e) {
            return Failure.replacementNotReleased(newArn, e.getMessage());
        }
    }
}
