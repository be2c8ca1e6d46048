package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.AcmStatus;

/**
 * The outcome of {@link CertificateEngine#provision}.
 *
 * @param reused         true when an existing certificate was taken instead of requesting one
 * @param recordsWritten false when ACM had not yet produced every validation record; call
 *                       {@link CertificateEngine#writeValidationRecords} again a little later
 * @param status         ACM's status at the time
 */
public record Provisioned(String arn, Plan plan, boolean reused, boolean recordsWritten, AcmStatus status) {
}
