package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.Issuance;
import java.util.List;

/**
 * A certificate as seen now, name by name: what {@code status} prints and the wait loop decides on.
 *
 * @param issuance the decision: issued, pending (which names) or failed (why)
 */
public record CertificateStatus(String arn, String region, String acmStatus, Issuance issuance, List<NameStatus> names,
                                List<String> inUseBy) {
    public CertificateStatus {
        names = List.copyOf(names);
        inUseBy = List.copyOf(inUseBy);
    }

    /**
     * One name: ACM's validation status, the record it wants, and the zone it was written to (null when
     * not known to the caller).
     */
    public record NameStatus(String domainName, String validationStatus, String recordName, String recordValue,
                             String hostedZoneId, String hostedZoneName) {
    }
}
