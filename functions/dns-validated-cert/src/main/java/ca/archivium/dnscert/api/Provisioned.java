package ca.archivium.dnscert.api;

import ca.archivium.dnscert.acm.AcmStatus;

/**
 * The outcome of {@link CertificateEngine#provision}.
 *
 * @param reused  true when an existing certificate was taken instead of requesting one
 * @param records whether the validation records were written: not yet when ACM had not produced every one (call
 *                {@link CertificateEngine#writeValidationRecords} again a little later), never when ACM failed the
 *                certificate
 * @param status  ACM's status at the time
 */
public record Provisioned(String arn, Plan plan, boolean reused, RecordWrite records, AcmStatus status) {
    /** True when the validation records are in place. */
    public boolean recordsWritten() {
        return records.written();
    }
}
