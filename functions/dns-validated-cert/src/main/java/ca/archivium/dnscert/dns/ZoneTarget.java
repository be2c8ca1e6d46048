package ca.archivium.dnscert.dns;

/** Where the validation record of one name goes: a hosted zone, reached through a role. */
public record ZoneTarget(String zoneId, String zoneName, DnsRole role) {
}
