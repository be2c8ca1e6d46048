package ca.archivium.dnscert.acm;

import java.time.Instant;
import java.util.List;

/**
 * What {@code DescribeCertificate} says of a certificate's validity and of its managed renewal, with the rest of it.
 *
 * <p>ACM renews a DNS-validated certificate it issued only while the certificate is in use by another AWS service
 * and every validation CNAME is in public DNS (ACM User Guide, "Managed renewal for ACM certificates" and "Renewal for
 * domains validated by DNS"). {@code RenewalEligibility} says whether it may be renewed; {@code RenewalSummary}
 * exists only once ACM has started a managed renewal ("If you don't see the RenewalStatus field, ACM hasn't started
 * the managed renewal process", ACM User Guide, "Check a certificate's renewal status").
 *
 * @param notBefore           start of validity; null while the certificate is not issued
 * @param notAfter            end of validity; null while the certificate is not issued
 * @param eligibility         {@code RenewalEligibility} ({@code ELIGIBLE}, {@code INELIGIBLE}); null when ACM sends none
 * @param renewalStatus       {@code RenewalSummary.RenewalStatus} ({@code PENDING_AUTO_RENEWAL},
 *                            {@code PENDING_VALIDATION}, {@code SUCCESS}, {@code FAILED}); null without a summary
 * @param renewalReason       {@code RenewalSummary.RenewalStatusReason} (a {@code FailureReason}); null when none
 * @param namesPendingRenewal the names whose renewal validation ({@code RenewalSummary.DomainValidationOptions}) is
 *                            not {@code SUCCESS}
 */
public record CertificateRenewal(CertificateView certificate, Instant notBefore, Instant notAfter, String eligibility,
                                 String renewalStatus, String renewalReason, List<String> namesPendingRenewal) {
    public CertificateRenewal {
        namesPendingRenewal = List.copyOf(namesPendingRenewal);
    }
}
