package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.acm.ValidationStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A certificate as seen now, name by name: what {@code status} prints and the wait loop decides on.
 *
 * @param issuance the decision: issued, pending (which names) or failed (why)
 */
public record CertificateStatus(String arn, String region, AcmStatus acmStatus, Issuance issuance, List<NameStatus> names,
                                List<String> inUseBy) {
    public CertificateStatus {
        names = List.copyOf(names);
        inUseBy = List.copyOf(inUseBy);
    }

    /**
     * The names ACM has not validated yet, each with the record it wants and the zone it went to (when known):
     * {@code "www.example.com (CNAME _x.www.example.com. → _y.acm-validations.aws. in hosted zone Z1 example.com.)"},
     * separated by "; ".
     */
    public String describePending() {
        return names.stream()
            .filter(n -> n.validationStatus() != ValidationStatus.SUCCESS)
            .map(n -> n.domainName() + " (CNAME " + n.recordName() + " → " + n.recordValue()
                + (n.hostedZoneId() == null ? "" : " in hosted zone " + n.hostedZoneId() + " " + n.hostedZoneName()) + ")")
            .collect(Collectors.joining("; "));
    }

    /**
     * One name: ACM's validation status, the record it wants, and the zone it was written to (null when
     * not known to the caller).
     */
    public record NameStatus(String domainName, ValidationStatus validationStatus, String recordName, String recordValue,
                             String hostedZoneId, String hostedZoneName) {
    }
}
