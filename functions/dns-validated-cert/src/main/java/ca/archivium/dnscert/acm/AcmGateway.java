package ca.archivium.dnscert.acm;

import static ca.archivium.dnscert.aws.AwsCalls.call;
import static ca.archivium.dnscert.aws.AwsCalls.run;

import ca.archivium.dnscert.failure.AwsCallException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateExport;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.RenewalSummary;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** ACM in one region. The only class that touches an {@link AcmClient}. */
public final class AcmGateway {
    /**
     * The key types every listing names (the model's {@code KeyAlgorithm} values but RSA_1024): without a
     * {@code keyTypes} filter ListCertificates lists only RSA_1024 and RSA_2048 certificates (the model's
     * documentation of {@code Filters.keyTypes}).
     */
    private static final List<KeyAlgorithm> ALL_KEY_TYPES = List.of(KeyAlgorithm.RSA_2048, KeyAlgorithm.RSA_3072,
        KeyAlgorithm.RSA_4096, KeyAlgorithm.EC_PRIME256_V1, KeyAlgorithm.EC_SECP384_R1, KeyAlgorithm.EC_SECP521_R1);

    private final AcmClient client;

    /** @param client an ACM client of the region this gateway stands for */
    public AcmGateway(AcmClient client) {
        this.client = client;
    }

    /** Everything {@code RequestCertificate} needs; names already normalised. */
    public record NewCertificate(String domainName, List<String> subjectAlternativeNames, String keyAlgorithm,
                                 boolean exportable, Map<String, String> tags, String idempotencyToken) {
    }

    /**
     * Requests a DNS-validated certificate; a repeated token within an hour returns the same ARN. A
     * LimitExceededException says which ACM quota it ran into and how to raise it ({@link AcmQuotas}).
     */
    public String request(NewCertificate spec) {
        try {
            return requestCertificate(spec);
        } catch (AwsCallException e) {
            if ("LimitExceededException".equals(e.errorCode())) {
                throw e.withAdvice(AcmQuotas.explain(e.detail(), client.serviceClientConfiguration().region().id(),
                    spec.subjectAlternativeNames().size() + 1));
            }
            throw e;
        }
    }

    private String requestCertificate(NewCertificate spec) {
        List<Tag> tags = spec.tags().entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return call("RequestCertificate", () -> client.requestCertificate(b -> {
            b.domainName(spec.domainName())
                .validationMethod(ValidationMethod.DNS)
                .keyAlgorithm(KeyAlgorithm.fromValue(spec.keyAlgorithm()))
                .idempotencyToken(spec.idempotencyToken())
                .tags(tags);
            // Options only to opt in to export: not exportable is ACM's default, and sending Export where exportable
            // public certificates are not offered is not needed. No transparency preference at all: ACM withdrew the
            // opt-out on 12 June 2026 (the SDK's model deprecates CertificateTransparencyLoggingPreference).
            if (spec.exportable()) {
                b.options(o -> o.export(CertificateExport.ENABLED));
            }
            if (!spec.subjectAlternativeNames().isEmpty()) {
                b.subjectAlternativeNames(spec.subjectAlternativeNames());
            }
        })).certificateArn();
    }

    /**
     * The certificate, or empty when it does not exist. Right after {@code RequestCertificate} ACM can briefly
     * answer {@code ResourceNotFoundException} for the new ARN; callers treat empty as "not yet" there.
     */
    public Optional<CertificateView> describe(String arn) {
        return describeRenewal(arn).map(CertificateRenewal::certificate);
    }

    /**
     * ARNs of ISSUED and PENDING_VALIDATION certificates with this key algorithm whose primary name is one of
     * {@code names}: the only ones that can have exactly these names.
     */
    public List<String> reuseCandidates(String keyAlgorithm, Set<String> names) {
        return summaries(List.of(CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION),
            List.of(KeyAlgorithm.fromValue(keyAlgorithm))).stream()
            .filter(s -> s.domainName() != null && names.contains(s.domainName().toLowerCase(Locale.ROOT)))
            .map(CertificateSummary::certificateArn)
            .toList();
    }

    /**
     * ARNs of every certificate that may still renew or validate (ISSUED, PENDING_VALIDATION, INACTIVE), of any
     * key algorithm.
     */
    public List<String> liveCertificates() {
        return certificatesWithStatus(List.of(AcmStatus.ISSUED, AcmStatus.PENDING_VALIDATION, AcmStatus.INACTIVE));
    }

    /** ARNs of every certificate in one of these statuses, of any key algorithm. */
    public List<String> certificatesWithStatus(Collection<AcmStatus> statuses) {
        return summaries(statuses.stream().map(s -> CertificateStatus.fromValue(s.name())).toList(), ALL_KEY_TYPES).stream()
            .map(CertificateSummary::certificateArn)
            .toList();
    }

    /**
     * The certificate with its validity and what ACM says of its managed renewal, or empty when it does not exist:
     * the same one {@code DescribeCertificate} as {@link #describe}.
     */
    public Optional<CertificateRenewal> describeRenewal(String arn) {
        try {
            CertificateDetail detail = call("DescribeCertificate", () -> client.describeCertificate(b -> b.certificateArn(arn)))
                .certificate();
            RenewalSummary summary = detail.renewalSummary();
            return Optional.of(new CertificateRenewal(view(detail), detail.notBefore(), detail.notAfter(),
                detail.renewalEligibilityAsString(),
                summary == null ? null : summary.renewalStatusAsString(),
                summary == null ? null : summary.renewalStatusReasonAsString(),
                summary == null ? List.of() : summary.domainValidationOptions().stream()
                    .filter(v -> ValidationStatus.of(v.validationStatusAsString()) != ValidationStatus.SUCCESS)
                    .map(v -> lower(v.domainName()))
                    .toList()));
        } catch (AwsCallException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every page of ListCertificates; it shows only RSA_1024 and RSA_2048 certificates unless asked for other key types. */
    private List<CertificateSummary> summaries(List<CertificateStatus> statuses, List<KeyAlgorithm> keyTypes) {
        List<CertificateSummary> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListCertificatesResponse page = call("ListCertificates", () -> client.listCertificates(b -> b
                .certificateStatuses(statuses)
                .includes(i -> i.keyTypes(keyTypes))
                .maxItems(1000)
                .nextToken(next)));
            all.addAll(page.certificateSummaryList());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /**
     * The certificate's tags; none when ACM does not know the certificate (deleted since it was listed, or in the
     * seconds after its request when ACM does not show it yet). No tags never lets a caller delete anything: without
     * the product's own tags a certificate counts as made elsewhere, and as held by nobody.
     */
    public Map<String, String> tags(String arn) {
        return tagsIfFound(arn).orElseGet(LinkedHashMap::new);
    }

    /** The certificate's tags; empty when ACM does not know it (ListTagsForCertificate's ResourceNotFoundException). */
    public Optional<Map<String, String>> tagsIfFound(String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        try {
            call("ListTagsForCertificate", () -> client.listTagsForCertificate(b -> b.certificateArn(arn)))
                .tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
        } catch (AwsCallException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(tags);
    }

    public void addTags(String arn, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        run("AddTagsToCertificate", () -> client.addTagsToCertificate(b -> b.certificateArn(arn).tags(list)));
    }

    public void removeTags(String arn, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<Tag> list = keys.stream().map(k -> Tag.builder().key(k).build()).toList();
        run("RemoveTagsFromCertificate", () -> client.removeTagsFromCertificate(b -> b.certificateArn(arn).tags(list)));
    }

    /** What became of a delete. */
    public enum Deletion { DELETED, ALREADY_GONE, IN_USE }

    /**
     * Deletes the certificate. A certificate that is gone counts as deleted; one still attached to a load balancer
     * or distribution answers {@link Deletion#IN_USE} (it is often released a few minutes later).
     */
    public Deletion delete(String arn) {
        try {
            run("DeleteCertificate", () -> client.deleteCertificate(b -> b.certificateArn(arn)));
            return Deletion.DELETED;
        } catch (AwsCallException e) {
            if (notFound(e)) {
                return Deletion.ALREADY_GONE;
            }
            if ("ResourceInUseException".equals(e.errorCode())) {
                return Deletion.IN_USE;
            }
            throw e;
        }
    }

    private static boolean notFound(AwsCallException e) {
        return "ResourceNotFoundException".equals(e.errorCode());
    }

    static CertificateView view(CertificateDetail detail) {
        List<NameValidation> validations = new ArrayList<>();
        for (DomainValidation v : detail.domainValidationOptions()) {
            ValidationRecord record = v.resourceRecord() == null || v.resourceRecord().name() == null
                ? null
                : new ValidationRecord(lower(v.domainName()), bare(v.resourceRecord().name()), bare(v.resourceRecord().value()));
            validations.add(new NameValidation(lower(v.domainName()), ValidationStatus.of(v.validationStatusAsString()),
                v.validationMethodAsString(), record));
        }
        return new CertificateView(
            detail.certificateArn(),
            lower(detail.domainName()),
            detail.subjectAlternativeNames().stream().map(AcmGateway::lower).toList(),
            AcmStatus.of(detail.statusAsString()),
            detail.typeAsString(),
            detail.keyAlgorithmAsString(),
            detail.failureReasonAsString(),
            detail.inUseBy(),
            validations,
            detail.options() != null && detail.options().export() == CertificateExport.ENABLED);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String bare(String name) {
        String lower = lower(name);
        return lower != null && lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
