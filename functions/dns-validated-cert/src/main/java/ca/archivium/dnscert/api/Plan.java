package ca.archivium.dnscert.api;

import ca.archivium.dnscert.dns.ZoneTarget;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a certificate goes: its region, and for each of its names the hosted zone (and role) that receives
 * the validation record. Made by {@link CertificateEngine#plan} before anything is created.
 */
public record Plan(String region, Map<String, ZoneTarget> zones) {
    public Plan {
        zones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    }

    /** The distinct hosted zone ids, in name order. */
    public Set<String> hostedZoneIds() {
        Set<String> ids = new LinkedHashSet<>();
        zones.values().forEach(z -> ids.add(z.zoneId()));
        return ids;
    }
}
