package ca.archivium.dnscert.acm;

/**
 * The DNS record ACM asks for to validate {@code domainName}: a CNAME from {@code name} to {@code value}.
 * Names and values are lower case without the trailing dot.
 */
public record ValidationRecord(String domainName, String name, String value) {
}
