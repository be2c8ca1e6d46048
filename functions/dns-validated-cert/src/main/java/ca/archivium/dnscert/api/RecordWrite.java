package ca.archivium.dnscert.api;

import ca.archivium.dnscert.failure.Failure;

/**
 * What writing a certificate's validation records came to: written, not yet (ACM has not produced every record), or
 * never (ACM failed the certificate, so it will have no records to write).
 */
public sealed interface RecordWrite {
    /** Every record was written (or none was needed: the certificate is already issued). */
    RecordWrite WRITTEN = new Written();
    /** ACM has not produced every record yet: ask again a little later. */
    RecordWrite NOT_YET = new NotYet();

    /** True when the records are in place. */
    default boolean written() {
        return this instanceof Written;
    }

    /** The records are in place. */
    record Written() implements RecordWrite {
    }

    /** ACM has not produced every record yet; nothing was written. */
    record NotYet() implements RecordWrite {
    }

    /**
     * ACM failed the certificate (FAILED with a {@code FailureReason}, or another status it never leaves), so it will
     * never produce the records: waiting for them would last until the deadline for nothing.
     *
     * @param failure what ACM said and what to do, from {@link ca.archivium.dnscert.acm.Issuance}
     */
    record CertificateFailed(Failure failure) implements RecordWrite {
    }
}
