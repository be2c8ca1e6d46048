package ca.archivium.dnscert.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which hosted zone a name belongs to. Pure: the zones come from the caller.
 *
 * <p>The right zone is the most specific <em>public</em> zone whose name is a label-aligned suffix of the
 * name: {@code dev.example.com} beats {@code example.com} for {@code www.dev.example.com}, and
 * {@code notexample.com} never matches {@code example.com}.
 */
public final class ZoneMatching {
    private ZoneMatching() {
    }

    /**
     * The zone names that could hold {@code name}, most specific first: {@code www.dev.example.com},
     * {@code dev.example.com}, {@code example.com}, {@code com}. A wildcard's leading {@code *} is dropped,
     * since its validation record lives under the base name.
     */
    public static List<String> candidateZoneNames(String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        List<String> candidates = new ArrayList<>();
        String current = base;
        while (true) {
            candidates.add(current);
            int dot = current.indexOf('.');
            if (dot < 0) {
                return candidates;
            }
            current = current.substring(dot + 1);
        }
    }

    /** True when {@code zoneName} is {@code name} or a label-aligned suffix of it. */
    public static boolean covers(String zoneName, String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        return base.equals(zoneName) || base.endsWith("." + zoneName);
    }

    /**
     * Picks the public zone named exactly {@code zoneName} among {@code listed} (which may hold other zones,
     * as {@code ListHostedZonesByName} lists onwards from the name).
     *
     * @throws AmbiguousZoneException when two public zones carry that name
     */
    public static Optional<HostedZone> publicZoneNamed(String zoneName, List<HostedZone> listed) {
        List<HostedZone> matches = listed.stream()
            .filter(z -> !z.privateZone() && z.name().equals(zoneName))
            .toList();
        if (matches.size() > 1) {
            throw new AmbiguousZoneException(zoneName, matches.stream().map(HostedZone::id).collect(Collectors.toList()));
        }
        return matches.stream().findFirst();
    }

    /** Two public hosted zones with the same name: only the user can say which one is delegated. */
    public static final class AmbiguousZoneException extends RuntimeException {
        public AmbiguousZoneException(String zoneName, List<String> ids) {
            super("there are " + ids.size() + " public hosted zones named " + zoneName + " (" + String.join(", ", ids)
                + "); name the right one with DomainValidationOptions[].HostedZoneId");
        }
    }
}
