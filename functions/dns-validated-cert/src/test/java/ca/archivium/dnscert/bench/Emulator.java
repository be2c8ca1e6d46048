package ca.archivium.dnscert.bench;

import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.testing.AwsTestEnvironment;
import ca.archivium.dnscert.testing.FaultProxy;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.MotoServer;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS as the benchmark sees it: a moto server of its own (certificates turn ISSUED {@code issueAfterSeconds} after
 * they are requested) behind a {@link FaultProxy} that counts every call, retries included. The product is pointed
 * at the proxy; set-up and inspection go to moto directly and are not counted.
 */
final class Emulator implements AutoCloseable {
    /** The DNS account of the two-account scenario, reached through {@link #DNS_ROLE}. */
    static final String DNS_ACCOUNT = "222222222222";
    static final String DNS_ROLE = "arn:aws:iam::" + DNS_ACCOUNT + ":role/dns-validation";

    private final MotoServer moto;
    private final FaultProxy proxy;
    private final AwsTestEnvironment direct;

    Emulator(int issueAfterSeconds) {
        moto = MotoServer.startAsItComes(issueAfterSeconds);
        try {
            proxy = FaultProxy.start(moto.endpoint());
        } catch (IOException e) {
            moto.close();
            throw new UncheckedIOException(e);
        }
        direct = new AwsTestEnvironment(moto.endpoint());
    }

    /** Empties moto and creates {@code example.com} here and {@code example.org} in the DNS account. */
    void resetWithZones() {
        moto.reset();
        proxy.resetCounts();
        proxy.clearFaults();
        try (Route53Fixtures here = direct.route53Fixtures();
             Route53Fixtures dnsAccount = direct.route53Fixtures(DNS_ACCOUNT, "dns-validation")) {
            HostedZoneFixture unused = here.createPublicZone("example.com");
            dnsAccount.createPublicZone("example.org");
        }
    }

    FaultProxy proxy() {
        return proxy;
    }

    /** moto itself, for set-up and inspection that must not be counted. */
    AwsTestEnvironment direct() {
        return direct;
    }

    /** The environment of a command-line run against the proxy, answering to a local sink. */
    Map<String, String> environment() {
        return environment(proxy);
    }

    /** A further proxy in front of the same moto, to count one run's calls apart from the others'. */
    FaultProxy newProxy() {
        try {
            return FaultProxy.start(moto.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a command-line run against the given proxy. */
    static Map<String, String> environment(FaultProxy proxy) {
        Map<String, String> environment = new LinkedHashMap<>(new AwsTestEnvironment(proxy.endpoint()).environmentVariables());
        environment.put("RESPONSE_URL_ALLOWED_PREFIXES", "http://127.0.0.1:");
        // As deployed, the DNS checks run and their one GetHostedZone per zone is counted; their look-ups go to a port
        // nothing listens on (no public DNS knows moto's zones, and the real example.com must not be asked).
        environment.put(PublicDns.RESOLVER_VARIABLE, "127.0.0.1:" + unusedUdpPort());
        return environment;
    }

    private static int unusedUdpPort() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        proxy.close();
        moto.close();
    }
}
