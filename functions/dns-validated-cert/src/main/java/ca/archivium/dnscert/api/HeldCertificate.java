package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.AcmStatus;

/**
 * A certificate an owner already holds that serves the properties as they are now
 * ({@link CertificateEngine#heldCertificate}): the one an update keeps and brings in line in place.
 *
 * @param status ACM's status of it now
 */
public record HeldCertificate(CertificateArn arn, AcmStatus status) {
}
