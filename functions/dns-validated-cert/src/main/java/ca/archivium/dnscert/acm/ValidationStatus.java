package ca.archivium.dnscert.acm;

/** ACM's {@code ValidationStatus} of one name of a certificate. */
public enum ValidationStatus {
    PENDING_VALIDATION, SUCCESS, FAILED,
    /** A status ACM added after this version was written. */
    UNKNOWN;

    /** The status ACM sent; null when it sent none. */
    public static ValidationStatus of(String wire) {
        return WireEnums.of(ValidationStatus.class, wire, UNKNOWN);
    }
}
