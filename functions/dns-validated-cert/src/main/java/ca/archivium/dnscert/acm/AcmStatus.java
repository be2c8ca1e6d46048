package ca.archivium.dnscert.acm;

/** ACM's {@code Status} of a certificate. */
public enum AcmStatus {
    PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED,
    /** A status ACM added after this version was written. */
    UNKNOWN;

    /** The status ACM sent; null when it sent none (which ACM never does). */
    public static AcmStatus of(String wire) {
        return WireEnums.of(AcmStatus.class, wire, UNKNOWN);
    }

    /** Whether a certificate in this status may still be, or already is, issued: the only ones worth reusing. */
    public boolean usable() {
        return this == ISSUED || this == PENDING_VALIDATION;
    }
}
