package ca.archivium.dnscert.acm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an existing certificate may stand in for a new one. Pure.
 *
 * <p>Only a certificate with exactly the same set of names (order-insensitive; names are already lower case),
 * the same key algorithm (in either of ACM's spellings, {@link KeyAlgorithms}), the same export setting (an exportable
 * certificate is charged at every issuance and renewal, and one that is not cannot be exported), issued by Amazon,
 * validated by DNS, and ISSUED or PENDING_VALIDATION qualifies.
 */
public final class ReuseMatching {
    private ReuseMatching() {
    }

    public static boolean matches(CertificateView certificate, Set<String> names, String keyAlgorithm,
                                  boolean exportable) {
        return "AMAZON_ISSUED".equals(certificate.type())
            && certificate.exportable() == exportable
            && certificate.status() != null && certificate.status().usable()
            && KeyAlgorithms.same(keyAlgorithm, certificate.keyAlgorithm())
            && certificate.nameSet().equals(names)
            && !certificate.validations().isEmpty()
            && certificate.validations().stream().allMatch(v -> "DNS".equals(v.method()));
    }

    /** The best of several matches: an issued certificate before a pending one, then the first listed. */
    public static Optional<CertificateView> best(List<CertificateView> matches) {
        return matches.stream().min(Comparator.comparing(c -> c.status() == AcmStatus.ISSUED ? 0 : 1));
    }
}
