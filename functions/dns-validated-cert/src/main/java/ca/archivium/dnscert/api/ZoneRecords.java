package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.AccountCertificates;
import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.acm.CertificateView;
import ca.archivium.dnscert.acm.RecordCleanup;
import ca.archivium.dnscert.acm.ValidationRecord;
import ca.archivium.dnscert.acm.ValidationRecords;
import ca.archivium.dnscert.dns.CnameRecord;
import ca.archivium.dnscert.dns.RoleSessions;
import ca.archivium.dnscert.dns.ZoneTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A certificate's validation records in the hosted zones of its plan: written in one batch per zone (names that
 * share a record write it once), and deleted after the certificate only when no certificate in any region of the
 * account still needs them.
 */
final class ZoneRecords {
    /**
     * How long record clean-up waits for every region to list its certificates (a third of the functions' 180 s
     * timeout); a region that has not answered by then keeps the records.
     */
    static final Duration REGION_SURVEY_BOUND = Duration.ofSeconds(60);

    private final RoleSessions roles;
    private final Function<String, AcmGateway> acm;

    /** @param acm ACM by region, for the survey of the account's other certificates */
    ZoneRecords(RoleSessions roles, Function<String, AcmGateway> acm) {
        this.roles = roles;
        this.acm = acm;
    }

    /**
     * UPSERTs the certificate's validation records, one ChangeResourceRecordSets per zone.
     *
     * @return false when ACM has not produced every record yet (nothing is written then)
     */
    boolean write(CertificateView certificate, Plan plan) {
        Optional<List<ValidationRecord>> records = ValidationRecords.complete(certificate);
        if (records.isEmpty()) {
            return false;
        }
        Map<ZoneTarget, Map<String, CnameRecord>> byZone = new LinkedHashMap<>();
        for (ValidationRecord record : records.get()) {
            ZoneTarget zone = plan.zones().get(record.domainName());
            if (zone == null) {
                throw new IllegalStateException("no hosted zone was planned for " + record.domainName());
            }
            byZone.computeIfAbsent(zone, z -> new LinkedHashMap<>())
                .putIfAbsent(record.name(), new CnameRecord(record.name(), record.value()));
        }
        byZone.forEach((zone, zoneRecords) -> roles.route53(zone.role())
            .upsert(zone.zoneId(), zoneRecords.values(), "dns-validated-cert: validation of " + certificate.arn()));
        return true;
    }

    /**
     * After {@code deleted} is gone from {@code region}: asks every region of the account which certificates remain,
     * and deletes the records none of them needs; keeps every record when a region could not be asked.
     *
     * @param kind what became of the certificate, for the release returned
     */
    Release cleanUpAfter(CertificateView deleted, String region, Release.Kind kind, Plan plan) {
        RecordCleanup.Decision decision = RecordCleanup.decide(deleted, region,
            new AccountCertificates(AccountCertificates.through(acm, deleted.arn()), REGION_SURVEY_BOUND)
                .survey(RecordCleanup.regionsToCheck(AccountCertificates.knownAcmRegions(), deleted.arn(), region)));
        if (decision instanceof RecordCleanup.KeepRecords keep) {
            return new Release(kind, "the certificate was deleted; " + keep.reason(), List.of(), true);
        }
        int count = delete(deleted, ((RecordCleanup.DeleteRecords) decision).records(), plan);
        return new Release(kind, "the certificate was deleted; " + (count == 0
            ? "no validation record was deleted (other certificates of the account need them, or they are gone or in no"
                + " known zone)"
            : count + " validation record" + (count == 1 ? "" : "s") + " no other certificate of the account needs "
                + (count == 1 ? "was" : "were") + " deleted"), List.of());
    }

    /**
     * Deletes the records from the zones {@code plan} gives their names; names without a zone keep theirs, and so
     * does a record someone else has changed since.
     *
     * @return how many were deleted
     */
    private int delete(CertificateView deleted, List<ValidationRecord> unneeded, Plan plan) {
        Map<ZoneTarget, List<CnameRecord>> byZone = new LinkedHashMap<>();
        for (ValidationRecord record : unneeded) {
            ZoneTarget zone = plan.zones().get(record.domainName());
            if (zone != null) {
                byZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(new CnameRecord(record.name(), record.value()));
            }
        }
        int count = 0;
        for (Map.Entry<ZoneTarget, List<CnameRecord>> zone : byZone.entrySet()) {
            count += roles.route53(zone.getKey().role()).deleteIfUnchanged(zone.getKey().zoneId(), zone.getValue(),
                "dns-validated-cert: " + deleted.arn() + " deleted").size();
        }
        return count;
    }
}
