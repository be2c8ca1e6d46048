package ca.archivium.dnscert.dns;

/**
 * One CAA record (RFC 8659): {@code 0 issue "amazon.com"}.
 *
 * @param flags 128 marks the property critical: a CA that does not understand its tag must not issue
 */
public record CaaRecord(int flags, String tag, String value) {
    /** Presentation form, as {@code dig} shows it. */
    @Override
    public String toString() {
        return flags + " " + tag + " \"" + value + "\"";
    }
}
