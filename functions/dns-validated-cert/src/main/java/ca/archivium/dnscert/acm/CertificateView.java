package ca.archivium.dnscert.acm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code DescribeCertificate} says about a certificate, in the project's terms.
 *
 * @param exportable {@code Options.Export} is ENABLED: an exportable public certificate (false when ACM sends no
 *                   Options, as for certificates requested before exports existed)
 */
public record CertificateView(
    String arn,
    String domainName,
    List<String> subjectAlternativeNames,
    AcmStatus status,
    String type,
    String keyAlgorithm,
    String failureReason,
    List<String> inUseBy,
    List<NameValidation> validations,
    boolean exportable) {

    public CertificateView {
        subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
        inUseBy = List.copyOf(inUseBy);
        validations = List.copyOf(validations);
    }

    /** Every name on the certificate (ACM lists the primary among the alternatives too). */
    public Set<String> nameSet() {
        Set<String> names = new LinkedHashSet<>();
        names.add(domainName);
        names.addAll(subjectAlternativeNames);
        return names;
    }
}
