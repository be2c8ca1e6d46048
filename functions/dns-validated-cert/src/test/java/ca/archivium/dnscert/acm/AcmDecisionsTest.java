package ca.archivium.dnscert.acm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcmDecisionsTest {
    private static final String VALUE = "_v.acm-validations.aws";

    private static CertificateView cert(String status, String keyAlgorithm, String type, String method, String... names) {
        List<NameValidation> validations = java.util.Arrays.stream(names)
            .map(n -> new NameValidation(n, ValidationStatus.PENDING_VALIDATION, method,
                new ValidationRecord(n, "_x." + n.replace("*.", ""), VALUE)))
            .toList();
        return new CertificateView("arn:aws:acm:us-east-1:123456789012:certificate/" + status, names[0], List.of(names),
            AcmStatus.of(status), type, keyAlgorithm, null, List.of(), validations, false);
    }

    @Test
    void rule5_reuseNeedsTheSameSetOfNamesInAnyOrder() {
        CertificateView c = cert("ISSUED", "RSA_2048", "AMAZON_ISSUED", "DNS", "www.example.com", "example.com");
        assertThat(ReuseMatching.matches(c, Set.of("example.com", "www.example.com"), "RSA_2048", false)).isTrue();
        assertThat(ReuseMatching.matches(c, Set.of("example.com", "www.example.com", "api.example.com"), "RSA_2048", false)).isFalse();
        assertThat(ReuseMatching.matches(c, Set.of("example.com"), "RSA_2048", false)).isFalse();
    }

    @Test
    void rule5_reuseNeedsTheSameKeyAlgorithmAmazonIssuedDnsValidatedAndUsableStatus() {
        Set<String> names = Set.of("example.com");
        assertThat(ReuseMatching.matches(cert("ISSUED", "EC_prime256v1", "AMAZON_ISSUED", "DNS", "example.com"), names, "RSA_2048", false)).isFalse();
        assertThat(ReuseMatching.matches(cert("ISSUED", "RSA_2048", "IMPORTED", "DNS", "example.com"), names, "RSA_2048", false)).isFalse();
        assertThat(ReuseMatching.matches(cert("ISSUED", "RSA_2048", "AMAZON_ISSUED", "EMAIL", "example.com"), names, "RSA_2048", false)).isFalse();
        assertThat(ReuseMatching.matches(cert("EXPIRED", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com"), names, "RSA_2048", false)).isFalse();
        assertThat(ReuseMatching.matches(cert("PENDING_VALIDATION", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com"), names, "RSA_2048", false)).isTrue();
    }

    @Test
    void rule5_reuseReadsTheKeyAlgorithmInTheSpellingAcmAnswersWith() {
        Set<String> names = Set.of("example.com");
        assertThat(ReuseMatching.matches(cert("ISSUED", "RSA-2048", "AMAZON_ISSUED", "DNS", "example.com"), names, "RSA_2048", false))
            .as("DescribeCertificate answers RSA-2048 for a certificate requested as RSA_2048").isTrue();
        assertThat(ReuseMatching.matches(cert("ISSUED", "EC-prime256v1", "AMAZON_ISSUED", "DNS", "example.com"), names,
            "EC_prime256v1", false)).isTrue();
        assertThat(ReuseMatching.matches(cert("ISSUED", "EC-secp384r1", "AMAZON_ISSUED", "DNS", "example.com"), names,
            "EC_prime256v1", false)).as("another curve").isFalse();
        assertThat(ReuseMatching.matches(cert("ISSUED", "RSA-4096", "AMAZON_ISSUED", "DNS", "example.com"), names, "RSA_2048", false))
            .as("another key size").isFalse();
        assertThat(ReuseMatching.matches(cert("ISSUED", null, "AMAZON_ISSUED", "DNS", "example.com"), names, "RSA_2048", false))
            .as("no algorithm in the answer").isFalse();
    }

    @Test
    void rule5_reuseNeedsTheSameExportSetting() {
        Set<String> names = Set.of("example.com");
        CertificateView plain = cert("ISSUED", "RSA-2048", "AMAZON_ISSUED", "DNS", "example.com");
        CertificateView exportable = new CertificateView(plain.arn(), plain.domainName(), plain.subjectAlternativeNames(),
            plain.status(), plain.type(), plain.keyAlgorithm(), null, List.of(), plain.validations(), true);
        assertThat(ReuseMatching.matches(exportable, names, "RSA_2048", true)).as("both exportable").isTrue();
        assertThat(ReuseMatching.matches(exportable, names, "RSA_2048", false))
            .as("an exportable certificate is charged at every renewal: not for a resource that did not ask for it")
            .isFalse();
        assertThat(ReuseMatching.matches(plain, names, "RSA_2048", true))
            .as("a certificate requested without export can never be exported").isFalse();
    }

    @Test
    void anIssuedCertificateIsPreferredForReuse() {
        CertificateView pending = cert("PENDING_VALIDATION", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com");
        CertificateView issued = cert("ISSUED", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com");
        assertThat(ReuseMatching.best(List.of(pending, issued))).contains(issued);
    }

    @Test
    void rule4_apexAndWildcardShareOneValidationRecord() {
        List<ValidationRecord> records = List.of(
            new ValidationRecord("example.com", "_x.example.com", VALUE),
            new ValidationRecord("*.example.com", "_x.example.com", VALUE),
            new ValidationRecord("www.example.com", "_x.www.example.com", VALUE));
        assertThat(ValidationRecords.dedupe(records)).extracting(ValidationRecord::name)
            .containsExactly("_x.example.com", "_x.www.example.com");
    }

    @Test
    void recordsAreCompleteOnlyWhenEveryNameHasOne() {
        CertificateView partial = new CertificateView("arn", "example.com", List.of("example.com", "www.example.com"),
            AcmStatus.PENDING_VALIDATION, "AMAZON_ISSUED", "RSA_2048", null, List.of(), List.of(
                new NameValidation("example.com", ValidationStatus.PENDING_VALIDATION, "DNS",
                    new ValidationRecord("example.com", "_x.example.com", VALUE)),
                new NameValidation("www.example.com", ValidationStatus.PENDING_VALIDATION, "DNS", null)), false);
        assertThat(ValidationRecords.complete(partial)).isEmpty();
    }

    @Test
    void issuanceIsDecidedFromOneDescribe() {
        assertThat(Issuance.of(cert("ISSUED", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com"))).isInstanceOf(Issuance.Issued.class);
        assertThat(Issuance.of(cert("PENDING_VALIDATION", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com", "www.example.com")))
            .isInstanceOfSatisfying(Issuance.Pending.class, p -> assertThat(p.pending()).hasSize(2));
        assertThat(Issuance.of(cert("VALIDATION_TIMED_OUT", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com")))
            .isInstanceOfSatisfying(Issuance.Failed.class, f -> assertThat(f.reason()).contains("NS delegation"));
        CertificateView caa = new CertificateView("arn", "example.com", List.of("example.com"), AcmStatus.FAILED, "AMAZON_ISSUED",
            "RSA_2048", "CAA_ERROR", List.of(), List.of(), false);
        assertThat(Issuance.of(caa)).isInstanceOfSatisfying(Issuance.Failed.class,
            f -> assertThat(f.reason()).contains("CAA_ERROR").contains("amazon.com"));
        for (String[] reason : new String[][] {{"DOMAIN_NOT_ALLOWED", "virustotal.com"},
            {"INVALID_PUBLIC_DOMAIN", "top-level domain"}, {"ADDITIONAL_VERIFICATION_REQUIRED", "AWS Support"},
            {"OTHER", "typing error"}}) {
            CertificateView failed = new CertificateView("arn", "example.com", List.of("example.com"), AcmStatus.FAILED,
                "AMAZON_ISSUED", "RSA_2048", reason[0], List.of(), List.of(), false);
            assertThat(Issuance.of(failed)).as("ACM's troubleshooting advice for %s", reason[0])
                .isInstanceOfSatisfying(Issuance.Failed.class, f -> assertThat(f.reason()).contains(reason));
        }
        assertThat(Issuance.of(cert("REVOKED", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com")))
            .isInstanceOfSatisfying(Issuance.Failed.class, f -> assertThat(f.reason()).contains("REVOKED"));
    }

    @Test
    void acmsStatusesAreReadByNameAndOneAddedLaterIsUnknownNeverReusedNorWaitedFor() {
        assertThat(AcmStatus.of("PENDING_VALIDATION")).isEqualTo(AcmStatus.PENDING_VALIDATION);
        assertThat(ValidationStatus.of("SUCCESS")).isEqualTo(ValidationStatus.SUCCESS);
        assertThat(AcmStatus.of("SOMETHING_NEW")).isEqualTo(AcmStatus.UNKNOWN);
        assertThat(ValidationStatus.of("SOMETHING_NEW")).isEqualTo(ValidationStatus.UNKNOWN);
        assertThat(AcmStatus.of(null)).isNull();
        CertificateView unknown = cert("SOMETHING_NEW", "RSA_2048", "AMAZON_ISSUED", "DNS", "example.com");
        assertThat(ReuseMatching.matches(unknown, Set.of("example.com"), "RSA_2048", false)).isFalse();
        assertThat(Issuance.of(unknown)).isInstanceOf(Issuance.Failed.class);
    }

    @Test
    void rule3_theIdempotencyTokenIs32HexCharactersAndDeterministic() {
        String token = IdempotencyToken.of("stack/Cert", "request-1", "example.com");
        assertThat(token).matches("[0-9a-f]{32}");
        assertThat(IdempotencyToken.of("stack/Cert", "request-1", "example.com")).isEqualTo(token);
        assertThat(IdempotencyToken.of("stack/Cert", "request-2", "example.com")).isNotEqualTo(token);
        assertThat(IdempotencyToken.of("ab", "c")).isNotEqualTo(IdempotencyToken.of("a", "bc"));
    }

    @Test
    void rule5_ownershipTagsTellOtherUsersApart() {
        String me = "stack-a/Cert";
        Map<String, String> tags = Map.of(
            OwnershipTags.CREATED_BY, me,
            OwnershipTags.usedByKey(me), me,
            OwnershipTags.usedByKey("stack-b/Cert"), "stack-b/Cert",
            "team", "web");
        assertThat(OwnershipTags.createdByProduct(tags)).isTrue();
        assertThat(OwnershipTags.otherUsers(tags, me)).containsExactly("stack-b/Cert");
        assertThat(OwnershipTags.otherUsers(tags, "stack-b/Cert")).containsExactly(me);
        assertThat(OwnershipTags.usedByKey(me).length()).isLessThanOrEqualTo(128);
    }
}
