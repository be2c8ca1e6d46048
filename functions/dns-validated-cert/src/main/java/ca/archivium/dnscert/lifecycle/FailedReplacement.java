package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.acm.CertificateArns;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.cfn.CfnRequest;
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
                case DELETED, ALREADY_GONE -> "The new certificate " + newArn + " was deleted again.";
                case LEFT_IN_PLACE -> "The certificate " + newArn + " was left in place: " + release.detail() + ".";
                case IN_USE -> "The new certificate " + newArn + " could not be deleted: " + release.detail() + ".";
            };
        } catch (RuntimeException e) {
            return "The new certificate " + newArn + " could not be deleted (" + e.getMessage() + "); delete it by hand.";
        }
    }
}
