package ca.archivium.dnscert.api;

/**
 * The outcome of {@link DnsValidatedCertificates#provision}.
 *
 * @param reused         true when an existing certificate was taken instead of requesting one
 * @param recordsWritten false when ACM had not yet produced every validation record; call
 *                       {@link DnsValidatedCertificates#writeValidationRecords} again a little later
 * @param status         ACM's status at the time (ISSUED, PENDING_VALIDATION, …)
 */
public record Provisioned(String arn, Plan plan, boolean reused, boolean recordsWritten, String status) {
}
