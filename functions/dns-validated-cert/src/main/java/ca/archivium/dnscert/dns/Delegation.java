package ca.archivium.dnscert.dns;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Is a hosted zone the one public DNS delegates to? Compares the NS records public DNS gives for the zone's apex
 * with the zone's own name servers (its Route 53 delegation set). Pure.
 *
 * <p>Only positive evidence counts: name servers that answer and differ, or an apex that exists without any NS
 * records (the parent never delegated it). A name that does not exist in public DNS (NXDOMAIN) proves nothing:
 * a zone made only in a test emulator, or a domain not registered yet, looks like that too. A look-up that failed
 * proves nothing either.
 *
 * <p>Route 53's white-label name servers (a reusable delegation set, with NS records such as {@code ns1.example.com}
 * glued to its servers' addresses) have other names than the delegation set: when the names differ, the addresses
 * are compared too, and the same addresses are a correct delegation.
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

    /** As {@link #check(String, List, DnsLookup, Function)}, without comparing addresses. */
    public static Check check(String zoneName, List<String> zoneNameServers, DnsLookup<String> publicLookup) {
        return check(zoneName, zoneNameServers, publicLookup, host -> DnsLookup.unknown("addresses not asked"));
    }

    /**
     * @param addressesOf the A records of a name server, asked only when the names differ
     */
    public static Check check(String zoneName, List<String> zoneNameServers, DnsLookup<String> publicLookup,
                              Function<String, DnsLookup<String>> addressesOf) {
        List<String> zone = normalized(zoneNameServers);
        if (zone.isEmpty()) {
            return new Check(zoneName, Verdict.UNKNOWN, List.of(), zone, "Route 53 gave no name servers for the zone");
        }
        return switch (publicLookup.status()) {
            case ANSWER -> {
                List<String> seen = normalized(publicLookup.values());
                boolean same = zone.containsAll(seen) || sameAddresses(seen, zone, addressesOf);
                yield new Check(zoneName, same ? Verdict.DELEGATED : Verdict.WRONG, seen, zone, null);
            }
            case NO_DATA -> new Check(zoneName, Verdict.WRONG, List.of(), zone, null);
            case NXDOMAIN -> new Check(zoneName, Verdict.UNKNOWN, List.of(), zone,
                "public DNS says " + zoneName + " does not exist (not registered or not delegated yet?)");
            case UNKNOWN, UNREACHABLE -> new Check(zoneName, Verdict.UNKNOWN, List.of(), zone, publicLookup.detail());
        };
    }

    /** True when every address of the public name servers is an address of the zone's (and there are some). */
    private static boolean sameAddresses(List<String> seen, List<String> zone, Function<String, DnsLookup<String>> addressesOf) {
        Set<String> zoneAddresses = new HashSet<>();
        for (String host : zone) {
            DnsLookup<String> lookup = addressesOf.apply(host);
            if (lookup.status() != DnsLookup.Status.ANSWER) {
                return false;
            }
            zoneAddresses.addAll(lookup.values());
        }
        for (String host : seen) {
            DnsLookup<String> lookup = addressesOf.apply(host);
            if (lookup.status() != DnsLookup.Status.ANSWER || !zoneAddresses.containsAll(lookup.values())) {
                return false;
            }
        }
        return true;
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
