package ca.archivium.dnscert.acm;

/**
 * ACM's view of one name of a certificate.
 *
 * @param record the record to write, or null while ACM has not produced it yet
 */
public record NameValidation(String domainName, ValidationStatus status, String method, ValidationRecord record) {
}
