package ca.archivium.dnscert.renewal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run of the guardian: every certificate of this product it looked at, and how far it got.
 *
 * @param certificates    the product's certificates (its created-by or used-by tags), by region then ARN
 * @param othersSkipped   certificates without the product's tags, not looked at further
 * @param regionsAsked    regions whose certificates were listed
 * @param notEnabled      regions the account has not enabled (skipped)
 * @param unchecked       region → why it could not be asked; such a region's certificates are not in the report
 * @param notFound        certificates named by an event that ACM no longer knows
 */
public record GuardianReport(Instant checkedAt, List<CertificateReport> certificates, int othersSkipped,
                             List<String> regionsAsked, Set<String> notEnabled, Map<String, String> unchecked,
                             List<String> notFound) {
    public GuardianReport {
        certificates = List.copyOf(certificates);
        regionsAsked = List.copyOf(new TreeSet<>(regionsAsked));
        notEnabled = Collections.unmodifiableSortedSet(new TreeSet<>(notEnabled));
        unchecked = Collections.unmodifiableSortedMap(new TreeMap<>(unchecked));
        notFound = List.copyOf(notFound);
    }

    public long atRisk() {
        return certificates.stream().filter(CertificateReport::atRisk).count();
    }

    public long recordsRestored() {
        return certificates.stream().mapToLong(CertificateReport::recordsRestored).sum();
    }

    /** Days to expiry of the certificate that expires first; empty when there is none. */
    public Optional<Long> nearestExpiryDays() {
        return certificates.stream().map(CertificateReport::daysToExpiry).flatMap(Optional::stream).min(Long::compare);
    }

    /** The run's totals, for the summary log line and {@code renewals --json}. */
    public Map<String, Object> summary() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("CheckedAt", checkedAt.toString());
        json.put("Certificates", certificates.size());
        json.put("AtRisk", atRisk());
        json.put("RecordsRestored", recordsRestored());
        nearestExpiryDays().ifPresent(days -> json.put("NearestExpiryDays", days));
        json.put("OtherCertificatesSkipped", othersSkipped);
        json.put("RegionsAsked", regionsAsked);
        json.put("RegionsNotEnabled", new ArrayList<>(notEnabled));
        json.put("RegionsUnchecked", unchecked);
        json.put("NotFound", notFound);
        return json;
    }
}
