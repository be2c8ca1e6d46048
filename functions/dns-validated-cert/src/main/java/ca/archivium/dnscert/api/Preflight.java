package ca.archivium.dnscert.api;

import java.util.List;
import java.util.Map;

/**
 * What the DNS checks before RequestCertificate found.
 *
 * @param zoneNameServers each planned zone's name servers (Route 53's delegation set), by zone id; null when the
 *                        checks did not run (DnsPreflight: OFF, or no resolver), so the wait loop skips them too
 * @param problems        provable problems, each with its fix (empty when none)
 * @param notProvable     look-ups that proved nothing (timed out, SERVFAIL, unknown names), for the log
 */
public record Preflight(Map<String, List<String>> zoneNameServers, List<String> problems, List<String> notProvable) {
    public static final Preflight SKIPPED = new Preflight(null, List.of(), List.of());

    public Preflight {
        zoneNameServers = zoneNameServers == null ? null : Map.copyOf(zoneNameServers);
        problems = List.copyOf(problems);
        notProvable = List.copyOf(notProvable);
    }

    public boolean ran() {
        return zoneNameServers != null;
    }
}
