package ca.archivium.dnscert.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The validated, normalised properties of one {@code Custom::DnsValidatedCert}. Built by
 * {@link PropertyParser}; nothing downstream sees the raw property map.
 *
 * @param domainName              primary name, normalised
 * @param subjectAlternativeNames other names, normalised, de-duplicated, never containing the primary name
 * @param region                  target region of the certificate, or null for the caller's own region
 * @param hostedZoneRoleArn       role through which Route 53 is reached, or null for the caller's credentials
 * @param hostedZoneRoleExternalId external id for that role, or null
 * @param exportable              {@code CertificateExport: ENABLED}: the certificate and its private key can be exported
 *                                (ExportCertificate). Fixed when the certificate is requested (UpdateCertificateOptions
 *                                cannot change it), and every issuance and renewal of such a certificate is charged
 * @param transparencyOptOut      {@code CertificateTransparencyLoggingPreference: DISABLED} was written. ACM withdrew
 *                                the opt-out on 12 June 2026 (the SDK's model marks the option deprecated: "Certificate
 *                                transparency logging opt-out is no longer available"), so the preference is never
 *                                sent and changes nothing; it is still accepted, so that templates written before,
 *                                and the rollbacks that return to them, keep working
 * @param dnsPreflight            what a provable DNS problem does ({@code DnsPreflight})
 * @param validationProblemTimeoutSeconds how long a provable problem may last while waiting before it fails the
 *                                request ({@code ValidationProblemTimeout})
 */
public record CertificateProperties(
    String domainName,
    List<String> subjectAlternativeNames,
    String region,
    String hostedZoneRoleArn,
    String hostedZoneRoleExternalId,
    List<ValidationOverride> validationOverrides,
    KeyAlgorithm keyAlgorithm,
    boolean exportable,
    boolean transparencyOptOut,
    List<Tag> tags,
    boolean waitForIssuance,
    boolean reuseExistingCertificate,
    boolean cleanupValidationRecords,
    DnsCheckMode dnsPreflight,
    int validationProblemTimeoutSeconds) {

    public CertificateProperties {
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        validationOverrides = List.copyOf(validationOverrides);
        tags = List.copyOf(tags);
    }

    /** The primary name followed by the alternative names. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>(subjectAlternativeNames.size() + 1);
        names.add(domainName);
        names.addAll(subjectAlternativeNames);
        return Collections.unmodifiableList(names);
    }

    /** All names as a set, for order-insensitive comparison. */
    public Set<String> nameSet() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(allNames()));
    }

    /** The target region, or {@code fallback} when {@code Region} was not given. */
    public String regionOr(String fallback) {
        return region != null ? region : fallback;
    }

    /**
     * True when going from these properties to {@code after} needs a different certificate: the names, the key
     * algorithm, the export setting (ACM fixes it at the request: "You cannot update the value of Export after the
     * certificate is created", ACM API reference, CertificateOptions) or the region differ (a region not given is
     * {@code homeRegion}). Everything else changes in place.
     */
    public boolean needsNewCertificate(CertificateProperties after, String homeRegion) {
        return !nameSet().equals(after.nameSet()) || keyAlgorithm != after.keyAlgorithm()
            || exportable != after.exportable() || !regionOr(homeRegion).equals(after.regionOr(homeRegion));
    }

    /**
     * The override that applies to {@code name}: its own entry, else (for {@code *.x}) the entry of {@code x},
     * whose validation record it shares.
     */
    public Optional<ValidationOverride> overrideFor(String name) {
        for (ValidationOverride o : validationOverrides) {
            if (o.domainName().equals(name)) {
                return Optional.of(o);
            }
        }
        if (DomainNames.isWildcard(name)) {
            return overrideFor(DomainNames.withoutWildcard(name));
        }
        return Optional.empty();
    }
}
