package ca.archivium.dnscert.renewal;

import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.acm.AccountCertificates;
import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.acm.CertificateRenewal;
import ca.archivium.dnscert.acm.CertificateView;
import ca.archivium.dnscert.acm.NameValidation;
import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.acm.RecordCleanup;
import ca.archivium.dnscert.acm.RegionSurvey;
import ca.archivium.dnscert.acm.ValidationRecord;
import ca.archivium.dnscert.acm.ValidationRecords;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.aws.Partitions;
import ca.archivium.dnscert.dns.CnameRecord;
import ca.archivium.dnscert.dns.DnsRole;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.dns.PublicDnsChecks;
import ca.archivium.dnscert.dns.Route53Gateway;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.dns.ZoneDetails;
import ca.archivium.dnscert.dns.ZoneMatching;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Keeps the certificates of this product renewable: for every certificate it holds (its created-by or used-by tags),
 * checks that the validation records are in their hosted zones with the values ACM asks for and writes back a missing
 * or changed one (UPSERT), asks public DNS what ACM will see (delegation, CAA, the CNAME), reads ACM's renewal state,
 * and says which certificates will not renew and what to do ({@link RenewalAssessment}).
 *
 * <p>It never deletes anything and writes only validation records of certificates this product requested, in the
 * hosted zones recorded on them ({@link ZoneTags}), through the roles recorded there. A certificate made elsewhere
 * that a resource reuses is reported and left alone; one without the product's tags is not looked at.
 *
 * <p>AWS calls, by the quotas that bound them (ACM User Guide, "Quotas"; Route 53 Developer Guide, "Quotas"): per
 * region, ListCertificates (1 a second) for ISSUED and EXPIRED certificates, 1,000 a page; ListTagsForCertificate
 * and DescribeCertificate (10 a second each) once per certificate; regions in parallel. Route 53 (5 a second per
 * account, shared with everything else there) once per zone to find its name and name servers, then per zone
 * whichever costs fewer calls: one look-up per record or the zone's whole listing, and one UPSERT batch per
 * {@value #RECORDS_PER_BATCH} restored records. Public DNS questions cost no AWS call.
 */
public final class RenewalGuardian {
    /** The statuses looked at: an issued certificate renews; an expired one held by a stack is broken. */
    static final List<AcmStatus> SURVEYED = List.of(AcmStatus.ISSUED, AcmStatus.EXPIRED);
    /**
     * Records per ChangeResourceRecordSets: Route 53 takes at most 1,000 ResourceRecord elements and 32,000
     * characters of values per request, each UPSERT counted twice (Route 53 Developer Guide, "Quotas"); 100
     * validation records of some 80 characters stay far below both.
     */
    static final int RECORDS_PER_BATCH = 100;
    static final String CHANGE_COMMENT = "dns-validated-cert renewal guardian: validation records written again";
    /**
     * How long a survey waits for the regions to list their certificates: leaves the rest of the function's 900 s
     * timeout (Lambda's longest) to Route 53.
     */
    public static final Duration REGION_BOUND = Duration.ofSeconds(600);

    private final Function<String, AcmGateway> acm;
    private final Function<DnsRole, Route53Gateway> route53;
    private final PublicDns publicDns;
    private final Clock clock;
    private final Duration regionBound;

    /**
     * @param acm         ACM by region
     * @param route53     Route 53 through a role (or the guardian's own credentials)
     * @param publicDns   what public DNS is asked through; {@link PublicDns#OFF} for nothing
     * @param regionBound how long a survey waits for the regions to list their certificates
     */
    public RenewalGuardian(Function<String, AcmGateway> acm, Function<DnsRole, Route53Gateway> route53,
                           PublicDns publicDns, Clock clock, Duration regionBound) {
        this.acm = acm;
        this.route53 = route53;
        this.publicDns = publicDns;
        this.clock = clock;
        this.regionBound = regionBound;
    }

    /** A certificate of the product, with what its tags say. */
    private record Held(String region, CertificateRenewal renewal, Map<String, String> tags,
                        CertificateReport.Origin origin) {
        String arn() {
            return renewal.certificate().arn();
        }

        CertificateView certificate() {
            return renewal.certificate();
        }
    }

    /** A hosted zone as recorded on a certificate: its id and how it is reached. */
    private record ZoneKey(String zoneId, DnsRole role) {
    }

    /** A recorded zone once asked for: its details, or why they could not be had. */
    private record ZoneRead(ZoneDetails details, String problem, RecordCheck.Cause cause) {
        static ZoneRead read(ZoneDetails details) {
            return new ZoneRead(details, null, null);
        }

        static ZoneRead unreadable(String problem, RecordCheck.Cause cause) {
            return new ZoneRead(null, problem, cause);
        }
    }

    /** One record of one certificate while the run goes on. */
    private static final class Slot {
        private final String arn;
        private final ZoneKey zone;
        private RecordCheck check;

        Slot(String arn, ZoneKey zone, RecordCheck check) {
            this.arn = arn;
            this.zone = zone;
            this.check = check;
        }
    }

    /** Every certificate of the product in these regions, regions asked in parallel. */
    public GuardianReport survey(Collection<String> regions, boolean fix) {
        Map<String, Held> held = new ConcurrentHashMap<>();
        AtomicInteger others = new AtomicInteger();
        RegionSurvey survey = new AccountCertificates(region -> {
            AcmGateway gateway = acm.apply(region);
            List<CertificateView> found = new ArrayList<>();
            for (String arn : gateway.certificatesWithStatus(SURVEYED)) {
                Optional<Held> one = read(gateway, region, arn);
                one.ifPresent(h -> {
                    held.put(arn, h);
                    found.add(h.certificate());
                });
                if (one.isEmpty()) {
                    others.incrementAndGet();
                }
            }
            return found;
        }, regionBound).survey(List.copyOf(regions));
        List<Held> answered = held.values().stream()
            .filter(h -> survey.certificates().containsKey(h.region()))
            .sorted(Comparator.comparing(Held::region).thenComparing(Held::arn))
            .toList();
        return assess(answered, fix, others.get(), survey.certificates().keySet(), survey.notEnabled(),
            survey.unchecked(), List.of());
    }

    /** These certificates only (ACM's events name one): each in the region its ARN names. */
    public GuardianReport check(Collection<String> arns, boolean fix) {
        List<Held> held = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        Map<String, String> unchecked = new LinkedHashMap<>();
        List<String> regions = new ArrayList<>();
        int others = 0;
        for (String arn : arns) {
            String region = CertificateArn.of(arn).region();
            regions.add(region);
            try {
                AcmGateway gateway = acm.apply(region);
                Optional<Map<String, String>> tags = gateway.tagsIfFound(arn);
                Optional<Held> one = tags.flatMap(t -> read(gateway, region, arn, t));
                if (one.isPresent()) {
                    held.add(one.get());
                } else if (tags.isEmpty() || origin(tags.get()).isPresent()) {
                    // Gone: ACM no longer knows it, or it went between its tags and its description.
                    notFound.add(arn);
                } else {
                    others++;
                }
            } catch (AwsCallException e) {
                unchecked.put(region, e.getMessage());
            }
        }
        return assess(held, fix, others, regions, Set.of(), unchecked, notFound);
    }

    /** The certificate when its tags make it the product's; empty for anyone else's, or one that is gone. */
    private static Optional<Held> read(AcmGateway gateway, String region, String arn) {
        return read(gateway, region, arn, gateway.tags(arn));
    }

    private static Optional<Held> read(AcmGateway gateway, String region, String arn, Map<String, String> tags) {
        return origin(tags).flatMap(origin -> gateway.describeRenewal(arn).map(renewal -> new Held(region, renewal,
            tags, origin)));
    }

    /** Who made the certificate, by its tags; empty when it is none of the product's business. */
    private static Optional<CertificateReport.Origin> origin(Map<String, String> tags) {
        if (OwnershipTags.createdByProduct(tags)) {
            return Optional.of(CertificateReport.Origin.PRODUCT);
        }
        if (tags.keySet().stream().anyMatch(key -> key.startsWith(OwnershipTags.USED_BY_PREFIX))) {
            return Optional.of(CertificateReport.Origin.ELSEWHERE);
        }
        return Optional.empty();
    }

    private GuardianReport assess(List<Held> held, boolean fix, int others, Collection<String> regions,
                                  Collection<String> notEnabled, Map<String, String> unchecked, List<String> notFound) {
        Instant now = clock.instant();
        Map<ZoneKey, ZoneRead> zones = new HashMap<>();
        List<Slot> slots = new ArrayList<>();
        for (Held certificate : held) {
            if (certificate.origin() == CertificateReport.Origin.PRODUCT && certificate.certificate().status() == AcmStatus.ISSUED) {
                slots.addAll(place(certificate, zones));
            }
        }
        readRecords(slots, zones);
        Map<String, List<ValidationDiagnosis>> dns = publicDns.enabled() ? diagnose(held, slots, zones) : Map.of();
        if (fix) {
            restore(slots);
        }
        List<CertificateReport> reports = new ArrayList<>();
        for (Held certificate : held) {
            List<RecordCheck> records = slots.stream().filter(s -> s.arn.equals(certificate.arn())).map(s -> s.check).toList();
            List<ValidationDiagnosis> diagnoses = dns.getOrDefault(certificate.arn(), List.of());
            reports.add(new CertificateReport(certificate.region(), certificate.renewal(), certificate.origin(), records,
                dns.containsKey(certificate.arn()), diagnoses,
                RenewalAssessment.findings(certificate.renewal(), certificate.origin(), records, diagnoses, now, fix), now));
        }
        return new GuardianReport(now, reports, others, List.copyOf(regions), Set.copyOf(notEnabled), unchecked,
            notFound);
    }

    /** The certificate's records, each in the most specific recorded zone that covers its name. */
    private List<Slot> place(Held certificate, Map<ZoneKey, ZoneRead> zones) {
        Map<String, ZoneTags.RecordedZone> recorded = ZoneTags.read(certificate.tags());
        List<Slot> slots = new ArrayList<>();
        for (ValidationRecord record : ValidationRecords.dedupe(certificate.certificate().validations().stream()
                .map(NameValidation::record).filter(Objects::nonNull).toList())) {
            List<String> names = certificate.certificate().validations().stream()
                .filter(v -> v.record() != null && v.record().name().equals(record.name()))
                .map(NameValidation::domainName).toList();
            RecordCheck check = new RecordCheck(record.name(), record.value(), names, null, null,
                RecordCheck.State.NOT_RECORDED, null, null, Set.of());
            if (recorded.isEmpty()) {
                slots.add(new Slot(certificate.arn(), null, check.with(RecordCheck.State.NOT_RECORDED, null,
                    "its hosted zone is not recorded on the certificate (requested before the product recorded zones),"
                        + " so Route 53 was not asked; the resource records it at its next Update")));
                continue;
            }
            ZoneKey best = null;
            List<String> problems = new ArrayList<>();
            Set<RecordCheck.Cause> causes = EnumSet.noneOf(RecordCheck.Cause.class);
            for (ZoneTags.RecordedZone zone : recorded.values()) {
                if (zone.role().isEmpty()) {
                    problems.add("hosted zone " + zone.zoneId() + ": its role could not be recorded on the certificate"
                        + " within ACM's tag rules, so it is not recorded");
                    causes.add(RecordCheck.Cause.ROLE_NOT_RECORDED);
                    continue;
                }
                ZoneKey key = new ZoneKey(zone.zoneId(), zone.role().get());
                ZoneRead read = zones.computeIfAbsent(key, this::readZone);
                if (read.details() == null) {
                    problems.add("hosted zone " + zone.zoneId() + ": " + read.problem());
                    causes.add(read.cause());
                } else if (ZoneMatching.covers(read.details().zone().name(), record.domainName())
                    && (best == null || read.details().zone().name().length() > zones.get(best).details().zone().name().length())) {
                    best = key;
                }
            }
            if (best != null) {
                ZoneDetails details = zones.get(best).details();
                slots.add(new Slot(certificate.arn(), best, new RecordCheck(record.name(), record.value(), names,
                    best.zoneId(), details.zone().name(), RecordCheck.State.PRESENT, null, null, Set.of())));
            } else if (!problems.isEmpty()) {
                slots.add(new Slot(certificate.arn(), null, check.unreachable(String.join("; ", problems), causes)));
            } else {
                slots.add(new Slot(certificate.arn(), null, check.with(RecordCheck.State.NOT_RECORDED, null,
                    "none of the hosted zones recorded on the certificate " + recorded.keySet() + " covers "
                        + record.domainName() + ", so Route 53 was not asked")));
            }
        }
        return slots;
    }

    private ZoneRead readZone(ZoneKey key) {
        try {
            return route53.apply(key.role()).details(key.zoneId())
                .map(details -> details.zone().privateZone()
                    ? ZoneRead.unreadable("it is a private zone, which public DNS (and ACM) never sees",
                        RecordCheck.Cause.ZONE_UNREADABLE)
                    : ZoneRead.read(details))
                .orElse(ZoneRead.unreadable("it does not exist, or " + key.role().describe() + " cannot see it",
                    RecordCheck.Cause.ZONE_UNREADABLE));
        } catch (AwsCallException e) {
            return ZoneRead.unreadable(e.getMessage() + " (through " + key.role().describe() + ")", RecordCheck.Cause.of(e));
        }
    }

    /** Reads the records zone by zone: found with ACM's value, missing, or with another value. */
    private void readRecords(List<Slot> slots, Map<ZoneKey, ZoneRead> zones) {
        for (Map.Entry<ZoneKey, List<Slot>> zone : byZone(slots).entrySet()) {
            ZoneKey key = zone.getKey();
            List<String> names = zone.getValue().stream().map(s -> s.check.recordName()).distinct().toList();
            Map<String, String> values;
            try {
                values = route53.apply(key.role()).cnames(key.zoneId(), names, zones.get(key).details().recordSetCount());
            } catch (AwsCallException e) {
                zone.getValue().forEach(s -> s.check = s.check.unreachable(
                    e.getMessage() + " (through " + key.role().describe() + ")", Set.of(RecordCheck.Cause.of(e))));
                continue;
            }
            for (Slot slot : zone.getValue()) {
                String value = values.get(slot.check.recordName());
                slot.check = value == null ? slot.check.with(RecordCheck.State.MISSING, null, null)
                    : value.equals(slot.check.value()) ? slot.check.with(RecordCheck.State.PRESENT, null, null)
                    : slot.check.with(RecordCheck.State.CHANGED, value, null);
            }
        }
    }

    /** What public DNS shows for every name of every certificate still issued: what ACM will look at. */
    private Map<String, List<ValidationDiagnosis>> diagnose(List<Held> held, List<Slot> slots, Map<ZoneKey, ZoneRead> zones) {
        PublicDnsChecks checks = new PublicDnsChecks(publicDns);
        Map<String, List<ValidationDiagnosis>> byCertificate = new LinkedHashMap<>();
        for (Held certificate : held) {
            if (certificate.certificate().status() != AcmStatus.ISSUED) {
                continue;
            }
            List<ValidationDiagnosis> diagnoses = new ArrayList<>();
            for (NameValidation name : certificate.certificate().validations()) {
                if (name.record() == null) {
                    continue;
                }
                Optional<ZoneKey> zone = slots.stream()
                    .filter(s -> s.arn.equals(certificate.arn()) && s.zone != null && s.check.recordName().equals(name.record().name()))
                    .map(s -> s.zone).findFirst();
                ZoneDetails details = zone.map(z -> zones.get(z).details()).orElse(null);
                diagnoses.add(ValidationDiagnosis.ask(checks, name.domainName(), name.record().name(),
                    name.record().value(), details == null ? null : details.zone().id(),
                    details == null ? null : details.zone().name(),
                    details == null ? List.of() : details.nameServers()));
            }
            byCertificate.put(certificate.arn(), diagnoses);
        }
        return byCertificate;
    }

    /** Writes back every missing or changed record, zone by zone, a batch at a time. */
    private void restore(List<Slot> slots) {
        for (Map.Entry<ZoneKey, List<Slot>> zone : byZone(slots).entrySet()) {
            List<Slot> broken = zone.getValue().stream()
                .filter(s -> s.check.state() == RecordCheck.State.MISSING || s.check.state() == RecordCheck.State.CHANGED)
                .toList();
            // ACM gives a name the same record in every certificate of an account, so each is written once.
            Map<String, CnameRecord> records = new LinkedHashMap<>();
            broken.forEach(s -> records.putIfAbsent(s.check.recordName(), new CnameRecord(s.check.recordName(), s.check.value())));
            List<CnameRecord> all = List.copyOf(records.values());
            for (int from = 0; from < all.size(); from += RECORDS_PER_BATCH) {
                List<CnameRecord> batch = all.subList(from, Math.min(all.size(), from + RECORDS_PER_BATCH));
                List<String> names = batch.stream().map(CnameRecord::name).toList();
                try {
                    route53.apply(zone.getKey().role()).upsert(zone.getKey().zoneId(), batch, CHANGE_COMMENT);
                    broken.stream().filter(s -> names.contains(s.check.recordName()))
                        .forEach(s -> s.check = s.check.with(RecordCheck.State.RESTORED, s.check.found(), null));
                } catch (AwsCallException e) {
                    broken.stream().filter(s -> names.contains(s.check.recordName()))
                        .forEach(s -> s.check = s.check.with(s.check.state(), s.check.found(),
                            e.getMessage() + " (through " + zone.getKey().role().describe() + ")"));
                }
            }
        }
    }

    private static Map<ZoneKey, List<Slot>> byZone(List<Slot> slots) {
        Map<ZoneKey, List<Slot>> byZone = new LinkedHashMap<>();
        slots.stream().filter(s -> s.zone != null).forEach(s -> byZone.computeIfAbsent(s.zone, z -> new ArrayList<>()).add(s));
        return byZone;
    }

    /**
     * Every region this SDK knows ACM in within {@code homeRegion}'s partition, and {@code homeRegion} itself: where
     * the account can hold certificates. Regions the account has not enabled answer with an authentication error and
     * are skipped ({@link RecordCleanup#regionNotEnabled}); a region launched after this SDK is not asked until the
     * SDK is updated (or it is named: {@code renewals --region}).
     */
    public static List<String> regionsOf(String homeRegion) {
        return RecordCleanup.regionsIn(AccountCertificates.knownAcmRegions(), Partitions.of(homeRegion).orElse("aws"),
            homeRegion);
    }
}
