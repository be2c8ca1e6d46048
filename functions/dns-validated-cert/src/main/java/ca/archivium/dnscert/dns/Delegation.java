package ca.archivium.dnscert.dns;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Is a hosted zone the one public DNS delegates to? Compares the NS records public DNS gives for the zone's apex
 * with the zone's own name servers (its Route 53 delegation set). Pure.
 *
 * <p>Only positive evidence counts: name servers that answer and differ, or an apex that exists without any NS
 * records (the parent never delegated it). A name that does not exist in public DNS (NXDOMAIN) proves nothing:
 * a zone made only in a test emulator, or a domain not registered yet, looks like that too. A look-up that failed
 * proves nothing either.
 */
public final class Delegation {
    private Delegation() {
    }

    /** The outcome for one zone. */
    public enum Verdict {
        /** Every name server public DNS gives is one of the zone's. */
        DELEGATED,
        /** Public DNS gives other name servers, or none: records in this zone are not what the world sees. */
        WRONG,
        /** Not provable either way. */
        UNKNOWN
    }

    /**
     * @param publicNameServers what public DNS gave (empty unless ANSWER)
     * @param zoneNameServers   the zone's delegation set, from Route 53
     * @param detail            for UNKNOWN: why
     */
    public record Check(String zoneName, Verdict verdict, List<String> publicNameServers, List<String> zoneNameServers,
                        String detail) {
        public Check {
            publicNameServers = List.copyOf(publicNameServers);
            zoneNameServers = List.copyOf(zoneNameServers);
        }

        /** "public NS [a, b] vs zone NS [c, d]" */
        public String comparison() {
            return "public NS " + publicNameServers + " vs zone NS " + zoneNameServers;
        }
    }

    public static Check check(String zoneName, List<String> zoneNameServers, DnsLookup<String> publicLookup) {
        List<String> zone = normalized(zoneNameServers);
        if (zone.isEmpty()) {
            return new Check(zoneName, Verdict.UNKNOWN, List.of(), zone, "Route 53 gave no name servers for the zone");
        }
        return switch (publicLookup.status()) {
            case ANSWER -> {
                List<String> seen = normalized(publicLookup.values());
                yield new Check(zoneName, zone.containsAll(seen) ? Verdict.DELEGATED : Verdict.WRONG, seen, zone, null);
            }
            case NO_DATA -> new Check(zoneName, Verdict.WRONG, List.of(), zone, null);
            case NXDOMAIN -> new Check(zoneName, Verdict.UNKNOWN, List.of(), zone,
                "public DNS says " + zoneName + " does not exist (not registered or not delegated yet?)");
            case UNKNOWN, UNREACHABLE -> new Check(zoneName, Verdict.UNKNOWN, List.of(), zone, publicLookup.detail());
        };
    }

    private static List<String> normalized(List<String> names) {
        TreeSet<String> set = new TreeSet<>();
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            set.add(n.endsWith(".") ? n.substring(0, n.length() - 1) : n);
        }
        return List.copyOf(set);
    }
}
