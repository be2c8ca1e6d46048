package ca.archivium.dnscert.config;

/**
 * What the resource does when its DNS checks prove that a certificate cannot be validated (property
 * {@code DnsPreflight}): before the request (a zone that is not the delegated one, CAA that forbids Amazon) and while
 * waiting (the same, or a validation record public DNS does not return).
 */
public enum DnsCheckMode {
    /** Answer FAILED with the cause and the fix: before anything is created, or after ValidationProblemTimeout. */
    FAIL,
    /** Log the problem and go on waiting. */
    WARN,
    /** No checks, no look-ups. */
    OFF
}
