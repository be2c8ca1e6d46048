package ca.archivium.dnscert.dns;

/**
 * Builds the real resolver on the first look-up: the DNS library's classes (and the system's resolver
 * configuration) load only when a check runs, never during a Lambda's initialisation.
 */
final class LazyPublicDns implements PublicDns {
    private final ResolverSetting setting;
    private volatile PublicDns delegate;

    LazyPublicDns(ResolverSetting setting) {
        this.setting = setting;
    }

    private PublicDns delegate() {
        if (delegate == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = new DnsJavaPublicDns(setting, DnsJavaPublicDns.DEFAULT_TIMEOUT);
                }
            }
        }
        return delegate;
    }

    @Override
    public DnsLookup<String> nameServers(String zone) {
        return delegate().nameServers(zone);
    }

    @Override
    public DnsLookup<String> cname(String name) {
        return delegate().cname(name);
    }

    @Override
    public DnsLookup<CaaRecord> caa(String name) {
        return delegate().caa(name);
    }

    @Override
    public DnsLookup<String> addresses(String host) {
        return delegate().addresses(host);
    }

    @Override
    public String toString() {
        return setting.toString();
    }
}
