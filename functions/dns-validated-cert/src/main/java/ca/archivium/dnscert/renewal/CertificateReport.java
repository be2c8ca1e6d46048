package ca.archivium.dnscert.renewal;

import ca.archivium.dnscert.acm.CertificateRenewal;
import ca.archivium.dnscert.acm.CertificateView;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the guardian found about one certificate this product holds, and did.
 *
 * @param publicDnsChecked false when public DNS look-ups are off ({@code DNSCERT_RESOLVER=off}) or the certificate
 *                         was not looked at in public DNS (expired)
 * @param checkedAt        when
 */
public record CertificateReport(String region, CertificateRenewal renewal, Origin origin, List<RecordCheck> records,
                                boolean publicDnsChecked, List<ValidationDiagnosis> publicDns, List<Finding> findings,
                                Instant checkedAt) {
    public CertificateReport {
        records = List.copyOf(records);
        publicDns = List.copyOf(publicDns);
        findings = List.copyOf(findings);
    }

    /** Who made the certificate, as its tags say. */
    public enum Origin {
        /** Requested by this product (its created-by tag): its validation records are the product's. */
        PRODUCT,
        /** Made elsewhere and reused by a resource (a used-by tag only): reported, never written to. */
        ELSEWHERE
    }

    public String arn() {
        return renewal.certificate().arn();
    }

    /** True when a finding says the certificate will not renew unless someone acts. */
    public boolean atRisk() {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.RISK);
    }

    /** Whole days until it expires; empty when ACM gives no end of validity. */
    public Optional<Long> daysToExpiry() {
        Instant notAfter = renewal.notAfter();
        return notAfter == null ? Optional.empty() : Optional.of(RenewalWindow.daysToExpiry(notAfter, checkedAt));
    }

    /** How many of its records the guardian wrote again. */
    public long recordsRestored() {
        return records.stream().filter(r -> r.state() == RecordCheck.State.RESTORED).count();
    }

    /** The report as JSON values: what the guardian's log line and {@code renewals --json} print. */
    public Map<String, Object> toJson() {
        CertificateView certificate = renewal.certificate();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Arn", arn());
        json.put("Region", region);
        json.put("Names", List.copyOf(certificate.nameSet()));
        json.put("Origin", origin == Origin.PRODUCT ? "this product" : "made elsewhere");
        json.put("Status", String.valueOf(certificate.status()));
        json.put("AtRisk", atRisk());
        json.put("NotAfter", renewal.notAfter() == null ? null : renewal.notAfter().toString());
        json.put("DaysToExpiry", daysToExpiry().orElse(null));
        if (renewal.notBefore() != null && renewal.notAfter() != null) {
            json.put("LifetimeDays", new RenewalWindow(renewal.notBefore(), renewal.notAfter()).lifetime().toDays());
        }
        json.put("InUse", !certificate.inUseBy().isEmpty());
        json.put("InUseBy", certificate.inUseBy());
        json.put("RenewalEligibility", renewal.eligibility());
        json.put("RenewalStatus", renewal.renewalStatus());
        json.put("RenewalStatusReason", renewal.renewalReason());
        List<Object> recordList = new ArrayList<>();
        for (RecordCheck record : records) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("RecordName", record.recordName());
            item.put("Value", record.value());
            item.put("Names", record.names());
            item.put("HostedZoneId", record.zoneId());
            item.put("HostedZoneName", record.zoneName());
            item.put("State", record.state().name());
            item.put("Found", record.found());
            item.put("Detail", record.detail());
            recordList.add(item);
        }
        json.put("Records", recordList);
        if (publicDnsChecked) {
            List<Object> dns = new ArrayList<>();
            for (ValidationDiagnosis diagnosis : publicDns) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("DomainName", diagnosis.name());
                item.put("Verdict", diagnosis.kind().name());
                item.put("Summary", diagnosis.summary());
                dns.add(item);
            }
            json.put("PublicDns", dns);
        }
        List<Object> findingList = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Severity", finding.severity().name());
            item.put("Text", finding.text());
            item.put("Action", finding.action());
            findingList.add(item);
        }
        json.put("Findings", findingList);
        return withoutNulls(json);
    }

    /** Leaves out what is not known, at every depth, as the log does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(Map<String, Object> json) {
        Map<String, Object> kept = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map) {
                kept.put(key, withoutNulls((Map<String, Object>) map));
            } else if (value instanceof List<?> list) {
                kept.put(key, list.stream().map(item -> item instanceof Map<?, ?> map
                    ? withoutNulls((Map<String, Object>) map) : item).toList());
            } else if (value != null) {
                kept.put(key, value);
            }
        });
        return kept;
    }
}
