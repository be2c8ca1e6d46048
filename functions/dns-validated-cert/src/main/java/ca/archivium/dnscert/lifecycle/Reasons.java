package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.dns.ZoneResolutionException;

/** The FAILED reasons CloudFormation shows: what went wrong and what to do about it. Pure. */
final class Reasons {
    private Reasons() {
    }

    static String beforeCreation(RuntimeException e) {
        if (e instanceof ZoneResolutionException) {
            return "No usable hosted zone: " + e.getMessage() + ". Nothing was created.";
        }
        return e.getMessage() + ". Nothing was created.";
    }

    static String afterCreation(RuntimeException e) {
        return e.getMessage() + ". The certificate was requested; CloudFormation's rollback will delete it.";
    }

    /** The deadline passed while ACM still had names to validate. */
    static String stillPending(CertificateStatus status, long waitedSeconds) {
        return "ACM had not validated the certificate after " + waitedSeconds + " s (ServiceTimeout). Still pending: "
            + status.describePending() + ". " + CertificateStatus.WHEN_VALIDATION_STALLS
            + " Raise ServiceTimeout (up to 3600) if validation is just slow.";
    }
}
