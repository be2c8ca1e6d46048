package ca.archivium.dnscert.acm;

/**
 * ACM spells one key algorithm two ways. Pure.
 *
 * <p>{@code RequestCertificate} and the {@code keyTypes} filter of {@code ListCertificates} take {@code RSA_2048},
 * {@code EC_prime256v1}, {@code EC_secp384r1}; {@code DescribeCertificate} and {@code ListCertificates} answer
 * {@code RSA-2048}, {@code EC-prime256v1}, {@code EC-secp384r1} (the AWS CLI's example output of
 * {@code acm describe-certificate} shows {@code "KeyAlgorithm": "RSA-2048"}). Compared as strings, a certificate
 * would never match the algorithm it was requested with.
 */
public final class KeyAlgorithms {
    private KeyAlgorithms() {
    }

    /** The algorithm in the spelling requests use, whichever spelling ACM answered with; null stays null. */
    public static String requestSpelling(String answered) {
        return answered == null ? null : answered.replace('-', '_');
    }

    /** True when {@code answered} (either spelling) is the algorithm {@code requested} names. */
    public static boolean same(String requested, String answered) {
        return requested != null && requested.equals(requestSpelling(answered));
    }
}
