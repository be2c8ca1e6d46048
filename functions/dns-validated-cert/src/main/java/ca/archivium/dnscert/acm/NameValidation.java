package ca.archivium.dnscert.acm;

/**
 * ACM's view of one name of a certificate.
 *
 * @param status ACM's {@code ValidationStatus}: PENDING_VALIDATION, SUCCESS or FAILED
 * @param record the record to write, or null while ACM has not produced it yet
 */
public record NameValidation(String domainName, String status, String method, ValidationRecord record) {
}
