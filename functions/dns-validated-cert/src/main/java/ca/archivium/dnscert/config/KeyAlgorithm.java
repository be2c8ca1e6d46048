package ca.archivium.dnscert.config;

/** The key algorithms ACM issues DNS-validated certificates with; names as ACM spells them. */
public enum KeyAlgorithm {
    RSA_2048,
    EC_prime256v1,
    EC_secp384r1
}
