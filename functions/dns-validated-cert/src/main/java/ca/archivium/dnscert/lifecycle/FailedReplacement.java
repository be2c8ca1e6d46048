package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.acm.CertificateArns;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.Plan;
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
            Release release = engine.release(newArn, CertificateArns.regionOf(newArn), Owners.of(request), false,
                new Plan(CertificateArns.regionOf(newArn), Map.of()));
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
