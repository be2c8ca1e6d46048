package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.CertificateView;
import ca.archivium.dnscert.acm.IdempotencyToken;
import ca.archivium.dnscert.acm.Issuance;
import ca.archivium.dnscert.acm.NameValidation;
import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.acm.ReuseMatching;
import ca.archivium.dnscert.acm.ValidationRecords;
import ca.archivium.dnscert.acm.ValidationStatus;
import ca.archivium.dnscert.aws.ServiceClients;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.DnsCheckMode;
import ca.archivium.dnscert.config.Tag;
import ca.archivium.dnscert.config.ValidationOverride;
import ca.archivium.dnscert.dns.CaaPolicy;
import ca.archivium.dnscert.dns.Delegation;
import ca.archivium.dnscert.dns.DnsRole;
import ca.archivium.dnscert.dns.HostedZoneResolver.NameToPlace;
import ca.archivium.dnscert.dns.HostedZoneResolver;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.dns.PublicDnsChecks;
import ca.archivium.dnscert.dns.RoleSessions;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.regions.Region;

/**
 * The public entry to the engine: provision, look up and release one DNS-validated ACM certificate.
 * It knows nothing of CloudFormation or Lambda; the resource handlers and the command line are built on it.
 *
 * <pre>{@code
 * try (ServiceClients clients = new ServiceClients(Region.EU_WEST_1)) {
 *     DnsValidatedCertificates certificates = new DnsValidatedCertificates(clients, Sleeper.atMost(LONGEST_PAUSE));
 *     CertificateProperties properties = PropertyParser.parse(Map.of("DomainName", "example.com", "Region", "us-east-1"));
 *     Plan plan = certificates.plan(properties);                 // hosted zones, before anything is created
 *     Provisioned cert = certificates.provision(properties, plan, "my-tool/site", "run-42");
 *     CertificateStatus status = certificates.status(CertificateArn.of(cert.arn()), plan.zones()).orElseThrow();
 * }
 * }</pre>
 *
 * <p>Every method is a bounded amount of work: nothing here waits for issuance. A caller that wants to
 * wait calls {@link #status} again later (the Step Functions loop, or the command line).
 */
public final class DnsValidatedCertificates implements CertificateEngine {
    /** How long one step keeps asking ACM for validation records before reporting "not yet": 4 s in all. */
    private static final List<Duration> RECORD_POLL_PAUSES = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMillis(1250));
    /**
     * How long a release keeps asking for a certificate ACM says does not exist before taking it for gone: 10 s in
     * all. Right after RequestCertificate, ACM answers ResourceNotFoundException for a certificate that exists ("there
     * is a delay of several seconds before you can retrieve information about the new certificate", ACM API reference,
     * RequestCertificate); a rollback Delete right after a Create that failed early would otherwise orphan it.
     */
    private static final List<Duration> NOT_FOUND_POLL_PAUSES = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMillis(1250), Duration.ofMillis(1250),
        Duration.ofMillis(1250), Duration.ofMillis(1250), Duration.ofMillis(1250), Duration.ofMillis(1250));
    /** The longest wait the engine makes: what a Lambda function's sleeper must allow ({@code Sleeper.atMost}). */
    public static final Duration LONGEST_PAUSE = Collections.max(
        Stream.concat(RECORD_POLL_PAUSES.stream(), NOT_FOUND_POLL_PAUSES.stream()).toList());

    private final ServiceClients clients;
    private final RoleSessions roles;
    private final Sleeper sleeper;
    private final PublicDns publicDns;
    private final ZoneRecords records;

    /**
     * Public DNS through the resolver the environment names ({@code DNSCERT_RESOLVER}, default the system's).
     *
     * @param sleeper the short waits inside one step (the only kind allowed here)
     */
    public DnsValidatedCertificates(ServiceClients clients, Sleeper sleeper) {
        this(clients, sleeper, PublicDns.fromEnvironment());
    }

    /** @param publicDns what the DNS checks ask; {@link PublicDns#OFF} for none */
    public DnsValidatedCertificates(ServiceClients clients, Sleeper sleeper, PublicDns publicDns) {
        this.clients = clients;
        this.roles = new RoleSessions(clients);
        this.sleeper = sleeper;
        this.publicDns = publicDns;
        this.records = new ZoneRecords(roles, this::acm);
    }

    @Override
    public String homeRegion() {
        return clients.homeRegion().id();
    }

    @Override
    public Plan plan(CertificateProperties properties) {
        List<NameToPlace> names = new ArrayList<>();
        for (String name : properties.allNames()) {
            Optional<ValidationOverride> override = properties.overrideFor(name);
            String roleArn = override.map(ValidationOverride::hostedZoneRoleArn).orElse(null);
            DnsRole role = roleArn != null
                ? new DnsRole(roleArn, override.get().hostedZoneRoleExternalId())
                : properties.hostedZoneRoleArn() != null
                    ? new DnsRole(properties.hostedZoneRoleArn(), properties.hostedZoneRoleExternalId())
                    : DnsRole.OWN_CREDENTIALS;
            names.add(new NameToPlace(name, role, override.map(ValidationOverride::hostedZoneId).orElse(null)));
        }
        Map<String, ZoneTarget> zones = new HostedZoneResolver(roles::route53).resolve(names);
        ZoneTags.checkRoom(properties.tags().size(), zones.values());
        return new Plan(properties.regionOr(homeRegion()), zones);
    }

    @Override
    public Preflight preflight(CertificateProperties properties, Plan plan) {
        if (properties.dnsPreflight() == DnsCheckMode.OFF || !publicDns.enabled()) {
            return Preflight.SKIPPED;
        }
        Map<String, List<String>> zoneNameServers = zoneNameServers(plan);
        PublicDnsChecks checks = new PublicDnsChecks(publicDns);
        List<String> problems = new ArrayList<>();
        List<String> notProvable = new ArrayList<>();
        Map<String, ZoneTarget> zonesById = new LinkedHashMap<>();
        plan.zones().values().forEach(z -> zonesById.putIfAbsent(z.zoneId(), z));
        for (ZoneTarget zone : zonesById.values()) {
            Delegation.Check delegation = checks.delegation(zone.zoneName(), zoneNameServers.get(zone.zoneId()));
            if (delegation.verdict() == Delegation.Verdict.WRONG) {
                problems.add("hosted zone " + zone.zoneId() + " (" + zone.zoneName() + ") is not the zone public DNS uses: "
                    + (delegation.publicNameServers().isEmpty() ? "public DNS has no NS records for " + zone.zoneName()
                        : "public DNS sends " + zone.zoneName() + " to " + delegation.publicNameServers())
                    + ", not to the zone's name servers " + delegation.zoneNameServers() + "; set the NS records of "
                    + zone.zoneName() + " at its parent (the registrar, or the parent zone) to " + delegation.zoneNameServers()
                    + ", or name the delegated zone with DomainValidationOptions HostedZoneId");
            } else if (delegation.verdict() == Delegation.Verdict.UNKNOWN) {
                notProvable.add(zone.zoneName() + " NS: " + delegation.detail());
            }
        }
        for (String name : properties.allNames()) {
            CaaPolicy.Check caa = checks.caa(name);
            if (caa.verdict() == CaaPolicy.Verdict.FORBIDS) {
                problems.add(name + ": the CAA records of " + caa.owner() + " " + caa.records()
                    + " allow none of Amazon's issuers (amazon.com, amazontrust.com, awstrust.com, amazonaws.com); add "
                    + CaaPolicy.recordToAdd(name, caa.records()) + " at " + caa.owner());
            } else if (caa.verdict() == CaaPolicy.Verdict.UNKNOWN) {
                notProvable.add(name + " CAA: " + caa.detail());
            }
        }
        if (!problems.isEmpty() && properties.dnsPreflight() == DnsCheckMode.FAIL) {
            throw new DnsPreflightException(problems);
        }
        return new Preflight(zoneNameServers, problems, notProvable);
    }

    @Override
    public Map<String, List<String>> zoneNameServers(Plan plan) {
        Map<String, List<String>> byZone = new LinkedHashMap<>();
        for (ZoneTarget zone : plan.zones().values()) {
            if (!byZone.containsKey(zone.zoneId())) {
                List<String> nameServers;
                try {
                    nameServers = roles.route53(zone.role()).nameServers(zone.zoneId());
                } catch (AwsCallException e) {
                    if (e.retryableLater()) {
                        throw e;
                    }
                    // The checks are advice: a role that may not read the zone leaves its delegation unchecked.
                    nameServers = List.of();
                }
                byZone.put(zone.zoneId(), nameServers);
            }
        }
        return byZone;
    }

    @Override
    public List<ValidationDiagnosis> diagnose(CertificateStatus status, Map<String, List<String>> zoneNameServers) {
        if (!publicDns.enabled()) {
            return List.of();
        }
        PublicDnsChecks checks = new PublicDnsChecks(publicDns);
        List<ValidationDiagnosis> diagnoses = new ArrayList<>();
        for (CertificateStatus.NameStatus name : status.names()) {
            if (name.validationStatus() == ValidationStatus.SUCCESS || name.recordName() == null || name.hostedZoneId() == null) {
                continue;
            }
            diagnoses.add(ValidationDiagnosis.ask(checks, name.domainName(), name.recordName(), name.recordValue(),
                name.hostedZoneId(), name.hostedZoneName(), zoneNameServers.getOrDefault(name.hostedZoneId(), List.of())));
        }
        return diagnoses;
    }

    @Override
    public Provisioned provision(CertificateProperties properties, Plan plan, String owner, String requestToken) {
        AcmGateway acm = acm(plan.region());
        String keyAlgorithm = properties.keyAlgorithm().name();
        if (properties.reuseExistingCertificate()) {
            Optional<CertificateView> match = ReuseMatching.best(acm.reuseCandidates(keyAlgorithm, properties.nameSet()).stream()
                .map(acm::describe)
                .flatMap(Optional::stream)
                .filter(c -> ReuseMatching.matches(c, properties.nameSet(), keyAlgorithm, properties.exportable()))
                .toList());
            if (match.isPresent()) {
                String arn = match.get().arn();
                acm.addTags(arn, Map.of(OwnershipTags.usedByKey(owner), OwnershipTags.value(owner)));
                try {
                    boolean written = match.get().status() == AcmStatus.ISSUED || records.write(match.get(), plan);
                    return new Provisioned(arn, plan, true, written ? RecordWrite.WRITTEN : RecordWrite.NOT_YET,
                        match.get().status());
                } catch (RuntimeException e) {
                    throw new CertificateFailureException(arn, true, e);
                }
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : properties.tags()) {
            tags.put(tag.key(), tag.value());
        }
        tags.put(OwnershipTags.CREATED_BY, OwnershipTags.value(owner));
        tags.put(OwnershipTags.usedByKey(owner), OwnershipTags.value(owner));
        // Where the records go, for the renewal guardian (dns/ZoneTags).
        tags.putAll(ZoneTags.of(plan.zones().values()));
        String token = IdempotencyToken.of(owner, requestToken, String.join(",", new TreeSet<>(properties.nameSet())),
            keyAlgorithm, plan.region());
        String arn = acm.request(new AcmGateway.NewCertificate(properties.domainName(), properties.subjectAlternativeNames(),
            keyAlgorithm, properties.exportable(), tags, token));
        try {
            RecordWrite written = writeValidationRecords(CertificateArn.of(arn), plan.zones());
            return new Provisioned(arn, plan, false, written, written instanceof RecordWrite.CertificateFailed
                ? AcmStatus.FAILED : AcmStatus.PENDING_VALIDATION);
        } catch (RuntimeException e) {
            throw new CertificateFailureException(arn, false, e);
        }
    }

    @Override
    public RecordWrite writeValidationRecords(CertificateArn arn, Map<String, ZoneTarget> zones) {
        AcmGateway acm = acm(arn.region());
        Plan plan = new Plan(arn.region(), zones);
        for (int attempt = 0; ; attempt++) {
            Optional<CertificateView> certificate = acm.describe(arn.arn());
            if (certificate.isPresent() && certificate.get().status() != null
                && Issuance.of(certificate.get()) instanceof Issuance.Failed failed) {
                // ACM fails some requests at once (DOMAIN_NOT_ALLOWED, INVALID_PUBLIC_DOMAIN, CAA_ERROR, …): such a
                // certificate never gets ResourceRecords, so polling for them would last until the deadline.
                return new RecordWrite.CertificateFailed(failed.failure());
            }
            if (certificate.isPresent() && ValidationRecords.complete(certificate.get()).isPresent()) {
                return records.write(certificate.get(), plan) ? RecordWrite.WRITTEN : RecordWrite.NOT_YET;
            }
            if (attempt >= RECORD_POLL_PAUSES.size()) {
                return RecordWrite.NOT_YET;
            }
            try {
                sleeper.sleep(RECORD_POLL_PAUSES.get(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RecordWrite.NOT_YET;
            }
        }
    }

    @Override
    public Optional<CertificateStatus> status(CertificateArn arn, Map<String, ZoneTarget> zones) {
        return acm(arn.region()).describe(arn.arn()).map(c -> status(c, new Plan(arn.region(), zones)));
    }

    @Override
    public Optional<HeldCertificate> heldCertificate(CertificateProperties properties, String owner, String physicalId) {
        String region = properties.regionOr(homeRegion());
        AcmGateway acm = acm(region);
        String keyAlgorithm = properties.keyAlgorithm().name();
        if (CertificateArn.parse(physicalId).filter(sent -> sent.region().equals(region)).isPresent()) {
            Optional<CertificateView> sent = acm.describe(physicalId)
                .filter(c -> ReuseMatching.matches(c, properties.nameSet(), keyAlgorithm, properties.exportable()));
            if (sent.isPresent()) {
                return sent.map(DnsValidatedCertificates::held);
            }
        }
        String usedBy = OwnershipTags.usedByKey(owner);
        return acm.reuseCandidates(keyAlgorithm, properties.nameSet()).stream()
            .filter(arn -> !arn.equals(physicalId) && acm.tags(arn).containsKey(usedBy))
            .map(acm::describe)
            .flatMap(Optional::stream)
            .filter(c -> ReuseMatching.matches(c, properties.nameSet(), keyAlgorithm, properties.exportable()))
            .findFirst()
            .map(DnsValidatedCertificates::held);
    }

    private static HeldCertificate held(CertificateView certificate) {
        return new HeldCertificate(CertificateArn.of(certificate.arn()), certificate.status());
    }

    @Override
    public Map<String, Release> releaseOthersHeldBy(String owner, CertificateProperties properties, String keep) {
        String region = properties.regionOr(homeRegion());
        AcmGateway acm = acm(region);
        String usedBy = OwnershipTags.usedByKey(owner);
        Map<String, Release> released = new LinkedHashMap<>();
        acm.reuseCandidates(properties.keyAlgorithm().name(), properties.nameSet()).stream()
            .filter(arn -> !arn.equals(keep) && acm.tags(arn).containsKey(usedBy))
            .forEach(arn -> released.put(arn, release(CertificateArn.of(arn), owner, Map.of())));
        return released;
    }

    @Override
    public boolean updateInPlace(HeldCertificate certificate, Optional<CertificateProperties> before,
                                 CertificateProperties after, Map<String, ZoneTarget> zones, String owner) {
        String arn = certificate.arn().arn();
        AcmGateway acm = acm(certificate.arn().region());
        Map<String, String> current = acm.tags(arn);
        acm.addTags(arn, current.containsKey(OwnershipTags.usedByKey(owner)) ? Map.of()
            : Map.of(OwnershipTags.usedByKey(owner), OwnershipTags.value(owner)));
        boolean reused = !OwnershipTags.value(owner).equals(current.get(OwnershipTags.CREATED_BY));
        if (!reused) {
            // The zone tags follow the plan (dns/ZoneTags): stale ones go first, so ACM's 50 are never exceeded.
            ZoneTags.Change zoneTags = ZoneTags.change(current, ZoneTags.of(zones.values()));
            acm.removeTags(arn, zoneTags.stale());
            replaceUserTags(acm, arn, current, after.tags());
            acm.addTags(arn, zoneTags.wanted());
        }
        if (before.isEmpty() || !dnsSettings(before.get()).equals(dnsSettings(after))) {
            writeValidationRecords(certificate.arn(), zones);
        }
        return reused;
    }

    private static void replaceUserTags(AcmGateway acm, String arn, Map<String, String> current, List<Tag> tags) {
        Map<String, String> wanted = new LinkedHashMap<>();
        tags.forEach(t -> wanted.put(t.key(), t.value()));
        List<String> stale = current.keySet().stream()
            .filter(k -> !OwnershipTags.isOwnTag(k) && !wanted.containsKey(k)).toList();
        acm.removeTags(arn, stale);
        Map<String, String> changed = new LinkedHashMap<>();
        wanted.forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                changed.put(k, v);
            }
        });
        acm.addTags(arn, changed);
    }

    @Override
    public Release release(CertificateArn certificate, String owner, Map<String, ZoneTarget> recordZones) {
        String arn = certificate.arn();
        String region = certificate.region();
        AcmGateway acm = acm(region);
        Optional<CertificateView> described = describeUnlessGone(acm, arn);
        if (described.isEmpty()) {
            return new Release(Release.Kind.ALREADY_GONE, "the certificate no longer exists", List.of());
        }
        Map<String, String> tags = acm.tags(arn);
        String usedBy = OwnershipTags.usedByKey(owner);
        if (!OwnershipTags.createdByProduct(tags)) {
            acm.removeTags(arn, tags.containsKey(usedBy) ? List.of(usedBy) : List.of());
            return new Release(Release.Kind.LEFT_IN_PLACE,
                "the certificate was not requested by this resource type, so it is left in place", List.of());
        }
        var others = OwnershipTags.otherUsers(tags, owner);
        if (!others.isEmpty()) {
            acm.removeTags(arn, tags.containsKey(usedBy) ? List.of(usedBy) : List.of());
            return new Release(Release.Kind.LEFT_IN_PLACE, "the certificate is still used by " + others, List.of());
        }
        AcmGateway.Deletion deletion = acm.delete(arn);
        if (deletion == AcmGateway.Deletion.IN_USE) {
            List<String> users = acm.describe(arn).map(CertificateView::inUseBy).orElse(List.of());
            return new Release(Release.Kind.IN_USE, "the certificate is still attached to " + users, users);
        }
        Release.Kind kind = deletion == AcmGateway.Deletion.DELETED ? Release.Kind.DELETED : Release.Kind.ALREADY_GONE;
        if (recordZones.isEmpty()) {
            return new Release(kind, "the certificate was deleted", List.of());
        }
        return records.cleanUpAfter(described.get(), region, kind, new Plan(region, recordZones));
    }

    /** The certificate, asked for again through ACM's not-found window after a request; empty once it stays gone. */
    private Optional<CertificateView> describeUnlessGone(AcmGateway acm, String arn) {
        for (int attempt = 0; ; attempt++) {
            Optional<CertificateView> certificate = acm.describe(arn);
            if (certificate.isPresent() || attempt >= NOT_FOUND_POLL_PAUSES.size()) {
                return certificate;
            }
            try {
                sleeper.sleep(NOT_FOUND_POLL_PAUSES.get(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return certificate;
            }
        }
    }

    private CertificateStatus status(CertificateView certificate, Plan plan) {
        List<CertificateStatus.NameStatus> names = new ArrayList<>();
        for (NameValidation v : certificate.validations()) {
            ZoneTarget zone = plan.zones().get(v.domainName());
            names.add(new CertificateStatus.NameStatus(v.domainName(), v.status(),
                v.record() == null ? null : v.record().name(), v.record() == null ? null : v.record().value(),
                zone == null ? null : zone.zoneId(), zone == null ? null : zone.zoneName()));
        }
        return new CertificateStatus(certificate.arn(), plan.region(), certificate.status(), Issuance.of(certificate), names,
            certificate.inUseBy());
    }

    private static List<Object> dnsSettings(CertificateProperties p) {
        return List.of(String.valueOf(p.hostedZoneRoleArn()), String.valueOf(p.hostedZoneRoleExternalId()),
            p.validationOverrides());
    }

    private AcmGateway acm(String region) {
        return new AcmGateway(clients.acm(Region.of(region)));
    }
}
