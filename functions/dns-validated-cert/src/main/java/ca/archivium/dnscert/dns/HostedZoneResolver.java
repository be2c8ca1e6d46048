package ca.archivium.dnscert.dns;

import ca.archivium.dnscert.failure.AwsCallException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the hosted zone for every name of a certificate, before anything is created.
 *
 * <p>For each name the candidate zone names are tried most specific first, and the walk stops at the first
 * public zone found. Look-ups are cached per account for the life of this resolver, so {@code example.com},
 * {@code www.example.com} and {@code *.example.com} cost one look-up of {@code example.com} between them.
 */
public final class HostedZoneResolver {
    private final Function<DnsRole, Route53Gateway> gateways;
    private final Map<String, Map<String, Optional<HostedZone>>> cache = new HashMap<>();

    public HostedZoneResolver(Function<DnsRole, Route53Gateway> gateways) {
        this.gateways = gateways;
    }

    /** What to resolve for one name: the role to look through and an optional zone id that wins over discovery. */
    public record NameToPlace(String name, DnsRole role, String explicitZoneId) {
    }

    /**
     * Resolves every name, or fails listing every name that has no usable zone.
     *
     * @return name → target, in the order given
     * @throws ZoneResolutionException when any name cannot be placed
     */
    public Map<String, ZoneTarget> resolve(List<NameToPlace> names) {
        Map<String, ZoneTarget> targets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (NameToPlace n : names) {
            try {
                targets.put(n.name(), n.explicitZoneId() != null ? explicit(n) : discover(n));
            } catch (ProblemException | ZoneMatching.AmbiguousZoneException e) {
                problems.add(n.name() + ": " + e.getMessage());
            } catch (AwsCallException e) {
                if (e.retryableLater()) {
                    // Not a problem with the zones: the caller may try again later.
                    throw e;
                }
                problems.add(n.name() + ": " + e.getMessage() + " (through " + n.role().describe() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new ZoneResolutionException(problems);
        }
        return targets;
    }

    private ZoneTarget explicit(NameToPlace n) {
        HostedZone zone = gateways.apply(n.role()).zone(n.explicitZoneId()).orElseThrow(() -> new ProblemException(
            "DomainValidationOptions HostedZoneId " + n.explicitZoneId() + " does not exist or is not visible to " + n.role().describe()));
        if (zone.privateZone()) {
            throw new ProblemException("DomainValidationOptions HostedZoneId " + zone.id() + " (" + zone.name()
                + ") is private; ACM validates through public DNS");
        }
        if (!ZoneMatching.covers(zone.name(), n.name())) {
            throw new ProblemException("DomainValidationOptions HostedZoneId " + zone.id() + " (" + zone.name()
                + ") does not cover " + n.name());
        }
        return new ZoneTarget(zone.id(), zone.name(), n.role());
    }

    private ZoneTarget discover(NameToPlace n) {
        Route53Gateway gateway = gateways.apply(n.role());
        Map<String, Optional<HostedZone>> known = cache.computeIfAbsent(n.role().accountKey(), k -> new HashMap<>());
        List<String> candidates = ZoneMatching.candidateZoneNames(n.name());
        for (String candidate : candidates) {
            Optional<HostedZone> zone = known.get(candidate);
            if (zone == null) {
                zone = ZoneMatching.publicZoneNamed(candidate, gateway.zonesNamed(candidate));
                known.put(candidate, zone);
            }
            if (zone.isPresent()) {
                return new ZoneTarget(zone.get().id(), zone.get().name(), n.role());
            }
        }
        throw new ProblemException("no public hosted zone found among " + candidates + " through " + n.role().describe()
            + " (private zones are never used: ACM validates through public DNS)");
    }

    private static final class ProblemException extends RuntimeException {
        ProblemException(String message) {
            super(message);
        }
    }
}
