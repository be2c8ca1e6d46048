package ca.archivium.dnscert.dns;

/**
 * Public DNS as one resolver sees it: the gateway the DNS checks ask. Names are lower case, without the trailing
 * dot. Implementations never throw for DNS trouble: a look-up that fails is an {@link DnsLookup.Status#UNKNOWN} or
 * {@link DnsLookup.Status#UNREACHABLE} answer.
 */
public interface PublicDns {
    /** Environment variable naming the resolver: {@code host:port}, {@code host}, {@code system} or {@code off}. */
    String RESOLVER_VARIABLE = "DNSCERT_RESOLVER";
    /** System property with the same meaning, which wins over the variable (as the SDK's {@code aws.*} do). */
    String RESOLVER_PROPERTY = "dnscert.resolver";

    /** Look-ups switched off: every question is answered UNKNOWN, so no check ever acts. */
    PublicDns OFF = new PublicDns() {
        @Override
        public DnsLookup<String> nameServers(String zone) {
            return DnsLookup.unknown("public DNS look-ups are off (" + RESOLVER_VARIABLE + "=off)");
        }

        @Override
        public DnsLookup<String> cname(String name) {
            return nameServers(name);
        }

        @Override
        public DnsLookup<CaaRecord> caa(String name) {
            return DnsLookup.unknown("public DNS look-ups are off (" + RESOLVER_VARIABLE + "=off)");
        }

        @Override
        public DnsLookup<String> addresses(String host) {
            return nameServers(host);
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String toString() {
            return "off";
        }
    };

    /** The NS records at {@code zone}'s apex. */
    DnsLookup<String> nameServers(String zone);

    /** The CNAME at {@code name} (its target, not followed). */
    DnsLookup<String> cname(String name);

    /** The CAA records at {@code name} (those of a CNAME's target when {@code name} is an alias). */
    DnsLookup<CaaRecord> caa(String name);

    /** The IPv4 addresses of {@code host} (A records). */
    DnsLookup<String> addresses(String host);

    /** False when look-ups are off: callers then skip the checks and the Route 53 calls they would need. */
    default boolean enabled() {
        return true;
    }

    /**
     * The resolver this process was configured with ({@value #RESOLVER_PROPERTY}, else {@value #RESOLVER_VARIABLE},
     * else the system's). The DNS library is loaded on the first look-up, not here: it stays off the cold start.
     */
    static PublicDns fromEnvironment() {
        String setting = System.getProperty(RESOLVER_PROPERTY);
        if (setting == null || setting.isBlank()) {
            setting = System.getenv(RESOLVER_VARIABLE);
        }
        return of(setting);
    }

    /** Public DNS through the resolver {@code setting} names, in the form of {@value #RESOLVER_VARIABLE}. */
    static PublicDns of(String setting) {
        ResolverSetting parsed = ResolverSetting.parse(setting);
        return parsed.off() ? OFF : new LazyPublicDns(parsed);
    }
}
