package ca.archivium.dnscert.dns;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of DNS checks over a {@link PublicDns}: each question is asked once, and once the resolver has failed to
 * answer, the rest of the round is skipped (UNREACHABLE) instead of waiting for a timeout per question. A slow or
 * absent resolver therefore costs one timeout per round, and never fails anything.
 */
public final class PublicDnsChecks {
    private final PublicDns dns;
    private final Map<String, DnsLookup<String>> nameServers = new HashMap<>();
    private final Map<String, DnsLookup<CaaRecord>> caa = new HashMap<>();
    private final Map<String, DnsLookup<String>> addresses = new HashMap<>();
    private final Map<String, DnsLookup<String>> cnames = new HashMap<>();
    private String silentResolver;

    public PublicDnsChecks(PublicDns dns) {
        this.dns = dns;
    }

    public Delegation.Check delegation(String zoneName, List<String> zoneNameServers) {
        return Delegation.check(zoneName, zoneNameServers, nameServers.computeIfAbsent(zoneName,
            z -> guarded(() -> dns.nameServers(z))), host -> addresses.computeIfAbsent(host, h -> guarded(() -> dns.addresses(h))));
    }

    public CaaPolicy.Check caa(String name) {
        return CaaPolicy.check(name, n -> caa.computeIfAbsent(n, c -> guarded(() -> dns.caa(c))));
    }

    public DnsLookup<String> cname(String recordName) {
        return cnames.computeIfAbsent(recordName, r -> guarded(() -> dns.cname(r)));
    }

    private <T> DnsLookup<T> guarded(java.util.function.Supplier<DnsLookup<T>> lookup) {
        if (silentResolver != null) {
            return DnsLookup.unreachable("skipped: " + silentResolver);
        }
        DnsLookup<T> answer = lookup.get();
        if (answer.status() == DnsLookup.Status.UNREACHABLE) {
            silentResolver = answer.detail();
        }
        return answer;
    }
}
