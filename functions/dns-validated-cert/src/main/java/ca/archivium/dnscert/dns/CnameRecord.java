package ca.archivium.dnscert.dns;

/** A CNAME record; names lower case, without the trailing dot. */
public record CnameRecord(String name, String value) {
}
