package ca.archivium.dnscert.acm;

import ca.archivium.dnscert.failure.Failure;
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

    /** ACM will not issue this certificate; the failure says why and what to do. */
    record Failed(Failure failure) implements Issuance {
        public String reason() {
            return failure.reason();
        }
    }

    /**
     * What ACM's {@code FailureReason} codes mean and what to do, after ACM's troubleshooting guide ("Certificate
     * request fails", docs.aws.amazon.com/acm/latest/userguide/troubleshooting-failed.html, and "CAA problems"). A
     * failed request cannot be resubmitted: once the cause is fixed, a new certificate must be requested, which the
     * next deployment does (the rollback deletes the failed one).
     */
    Map<String, String> FAILURE_ADVICE = Map.ofEntries(
        Map.entry("CAA_ERROR", "a CAA record forbids Amazon to issue for a name; add 0 issue \"amazon.com\" (or "
            + "amazontrust.com, awstrust.com, amazonaws.com; issuewild for a wildcard) to the CAA records of the name "
            + "or of its closest ancestor that has CAA records, then deploy again"),
        Map.entry("DOMAIN_NOT_ALLOWED", "a name was reported as unsafe (ACM checks VirusTotal) or is on a block list; "
            + "look the name up on virustotal.com and have the finding cleared (or corrected, if the site was "
            + "compromised), then deploy again; if VirusTotal does not list it, open a case with AWS Support"),
        Map.entry("INVALID_PUBLIC_DOMAIN", "a name is not a valid public domain name, typically because its "
            + "top-level domain does not exist (example.invalidpublicdomain); correct the names, then deploy again"),
        Map.entry("ADDITIONAL_VERIFICATION_REQUIRED", "ACM needs more information before it issues for a name (a "
            + "fraud-protection measure, for example for very popular domains); contact AWS Support. ACM never issues "
            + "for Amazon-owned names such as *.amazonaws.com, *.cloudfront.net or *.elasticbeanstalk.com"),
        Map.entry("OTHER", "typically a typing error in a name; check every name, then deploy again; if it fails "
            + "again, contact AWS Support"),
        Map.entry("NO_AVAILABLE_CONTACTS", "ACM found no address to send validation email to (email validation; "
            + "this resource validates by DNS)"),
        Map.entry("DOMAIN_VALIDATION_DENIED", "the validation of a name was denied"),
        Map.entry("PCA_INVALID_STATE", "the private CA is not in a usable state"));

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
                    return new Failed(Failure.namesNotValidated(failed.stream().map(NameValidation::domainName).toList(),
                        certificate.failureReason(), advice(certificate.failureReason())));
                }
                return new Pending(certificate.validations().stream()
                    .filter(v -> v.status() != ValidationStatus.SUCCESS).toList());
            }
            case FAILED:
                return new Failed(Failure.notIssued(certificate.failureReason(), advice(certificate.failureReason())));
            case VALIDATION_TIMED_OUT:
                return new Failed(Failure.validationTimedOut());
            default:
                return new Failed(Failure.cannotBeIssued(String.valueOf(status)));
        }
    }

    private static String advice(String failureReason) {
        return failureReason == null ? null : FAILURE_ADVICE.getOrDefault(failureReason, "see the ACM console");
    }
}
