package ca.archivium.dnscert.acm;

import java.util.List;
import java.util.Map;

/**
 * Where a certificate stands, decided from one {@code DescribeCertificate} result. Pure.
 */
public sealed interface Issuance {

    /** ISSUED: nothing left to wait for. */
    record Issued() implements Issuance {
    }

    /** Still PENDING_VALIDATION; {@code pending} lists the names ACM has not validated yet. */
    record Pending(List<NameValidation> pending) implements Issuance {
        public Pending {
            pending = List.copyOf(pending);
        }
    }

    /** ACM will not issue this certificate; {@code reason} says why and what to do. */
    record Failed(String reason) implements Issuance {
    }

    /** What ACM's {@code FailureReason} codes mean for the user. */
    Map<String, String> FAILURE_ADVICE = Map.of(
        "CAA_ERROR", "a CAA record forbids Amazon from issuing for this name; allow amazon.com (or amazontrust.com, awstrust.com, amazonaws.com) in the CAA record",
        "DOMAIN_NOT_ALLOWED", "ACM does not issue for this domain (it may be on a block list); ask AWS Support",
        "INVALID_PUBLIC_DOMAIN", "a name is not a valid public domain (its top-level domain is not recognised)",
        "ADDITIONAL_VERIFICATION_REQUIRED", "ACM needs more information before it issues for this name; contact AWS Support",
        "DOMAIN_VALIDATION_DENIED", "the domain's validation was denied",
        "NO_AVAILABLE_CONTACTS", "ACM found no contact for the domain",
        "PCA_INVALID_STATE", "the private CA is not in a usable state",
        "OTHER", "ACM gave no specific reason; check the certificate in the ACM console");

    /**
     * Decides from a described certificate.
     */
    static Issuance of(CertificateView certificate) {
        AcmStatus status = certificate.status();
        switch (status) {
            case ISSUED:
                return new Issued();
            case PENDING_VALIDATION: {
                List<NameValidation> failed = certificate.validations().stream()
                    .filter(v -> v.status() == ValidationStatus.FAILED).toList();
                if (!failed.isEmpty()) {
                    return new Failed("ACM failed to validate " + failed.stream().map(NameValidation::domainName).toList()
                        + failureDetail(certificate.failureReason()));
                }
                return new Pending(certificate.validations().stream()
                    .filter(v -> v.status() != ValidationStatus.SUCCESS).toList());
            }
            case FAILED:
                return new Failed("ACM could not issue the certificate" + failureDetail(certificate.failureReason()));
            case VALIDATION_TIMED_OUT:
                return new Failed("ACM stopped waiting for validation (VALIDATION_TIMED_OUT after 72 hours); "
                    + "the validation records were never visible in public DNS: check the NS delegation of each hosted zone");
            default:
                return new Failed("the certificate is " + status + " and can no longer be issued");
        }
    }

    private static String failureDetail(String failureReason) {
        if (failureReason == null) {
            return "";
        }
        return ": " + failureReason + " (" + FAILURE_ADVICE.getOrDefault(failureReason, "see the ACM console") + ")";
    }
}
