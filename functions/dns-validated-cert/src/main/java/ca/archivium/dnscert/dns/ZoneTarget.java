package ca.archivium.dnscert.dns;

import java.util.Objects;

/** Where the validation record of one name goes: a hosted zone, reached through a role. */
public record ZoneTarget(String zoneId, String zoneName, DnsRole role) {

    // Written out for the reason DnsRole gives.
    @Override
    public boolean equals(Object other) {
        return other instanceof ZoneTarget that && Objects.equals(zoneId, that.zoneId)
            && Objects.equals(zoneName, that.zoneName) && Objects.equals(role, that.role);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(zoneId) * 31 + Objects.hashCode(zoneName)) * 31 + Objects.hashCode(role);
    }
}
