package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateEngine;
import ca.archivium.dnscert.api.CertificateStatus;
import ca.archivium.dnscert.api.HeldCertificate;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Preflight;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.api.ValidationDiagnosis;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.failure.AwsCallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An engine that answers what a test scripts and notes each use case asked of it, in order: the lifecycle's
 * decisions tested without AWS. The AWS side of every use case is tested against moto in {@code api/}.
 */
final class ScriptedEngine implements CertificateEngine {
    final List<String> asked = new ArrayList<>();
    Function<CertificateProperties, Plan> plan = p -> new Plan(p.regionOr(homeRegion()), Map.of());
    Function<Plan, Provisioned> provision = plan -> {
        throw new AssertionError("provision was not scripted");
    };
    /** The certificate the resource holds that serves the properties asked about, if any. */
    Function<CertificateProperties, Optional<HeldCertificate>> held = properties -> Optional.empty();
    Supplier<Release> release = () -> new Release(Release.Kind.DELETED, "deleted", List.of());
    /** What {@link #releaseOthersHeldBy} lets go of: certificate ARN to what became of it. */
    Map<String, Release> heldByOwner = Map.of();
    /** True: {@link #releaseOthersHeldBy} fails as an AWS call would. */
    boolean heldByOwnerFails;

    @Override
    public String homeRegion() {
        return "eu-west-1";
    }

    @Override
    public Plan plan(CertificateProperties properties) {
        asked.add("plan");
        return plan.apply(properties);
    }

    @Override
    public Preflight preflight(CertificateProperties properties, Plan plan) {
        asked.add("preflight");
        return Preflight.SKIPPED;
    }

    @Override
    public Map<String, List<String>> zoneNameServers(Plan plan) {
        asked.add("zoneNameServers");
        return Map.of();
    }

    @Override
    public List<ValidationDiagnosis> diagnose(CertificateStatus status, Map<String, List<String>> zoneNameServers) {
        asked.add("diagnose");
        return List.of();
    }

    @Override
    public Provisioned provision(CertificateProperties properties, Plan plan, String owner, String requestToken) {
        asked.add("provision");
        return provision.apply(plan);
    }

    @Override
    public RecordWrite writeValidationRecords(CertificateArn arn, Map<String, ZoneTarget> zones) {
        asked.add("writeValidationRecords");
        return RecordWrite.WRITTEN;
    }

    @Override
    public Optional<CertificateStatus> status(CertificateArn arn, Map<String, ZoneTarget> zones) {
        asked.add("status");
        return Optional.empty();
    }

    @Override
    public Optional<HeldCertificate> heldCertificate(CertificateProperties properties, String owner, String physicalId) {
        asked.add("heldCertificate");
        return held.apply(properties);
    }

    @Override
    public Map<String, Release> releaseOthersHeldBy(String owner, CertificateProperties properties, String keep) {
        asked.add("releaseOthersHeldBy " + owner + (keep == null ? "" : " but " + keep));
        if (heldByOwnerFails) {
            throw new AwsCallException("ListCertificates", "ThrottlingException", "Rate exceeded", true, null);
        }
        return heldByOwner;
    }

    @Override
    public boolean updateInPlace(HeldCertificate certificate, Optional<CertificateProperties> before,
                                 CertificateProperties after, Map<String, ZoneTarget> zones, String owner) {
        asked.add("updateInPlace");
        return false;
    }

    @Override
    public Release release(CertificateArn arn, String owner, Map<String, ZoneTarget> recordZones) {
        asked.add("release " + arn);
        return release.get();
    }
}
