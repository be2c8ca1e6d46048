package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import java.util.stream.Collectors;

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
        String names = status.names().stream()
            .filter(n -> !"SUCCESS".equals(n.validationStatus()))
            .map(n -> n.domainName() + " (CNAME " + n.recordName() + " → " + n.recordValue()
                + (n.hostedZoneId() == null ? "" : " in hosted zone " + n.hostedZoneId() + " " + n.hostedZoneName()) + ")")
            .collect(Collectors.joining("; "));
        return "ACM had not validated the certificate after " + waitedSeconds + " s (ServiceTimeout). Still pending: " + names
            + ". Check that each hosted zone is the one the domain is delegated to (its NS records at the parent match "
            + "the zone's name servers) and that no CAA record forbids amazon.com. Raise ServiceTimeout (up to 3600) "
            + "if validation is just slow.";
    }
}
