package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.KnotServer;
import ca.archivium.dnscert.testing.SilentDnsServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dnsjava gateway against a real DNS server (Knot): what each kind of answer becomes. */
@IntegrationTest
class PublicDnsAgainstKnotTest {
    @RegisterExtension
    static final Emulators DNS = Emulators.knot();

    private static PublicDns dns;

    @BeforeAll
    static void serveExampleCom() {
        KnotServer knot = DNS.knotServer();
        knot.serve(KnotServer.zones("example.com", """
            @ NS ns-2048.awsdns-64.com.
            @ NS ns-2049.awsdns-65.net.
            @ CAA 0 issue "letsencrypt.org"
            @ CAA 0 issuewild "amazon.com; cansignhttpexchanges=yes"
            _abc.www CNAME _def.acm-validations.aws.
            www A 192.0.2.1
            """));
        dns = PublicDns.of(knot.address());
    }

    @Test
    void nameServersOfAZoneApexAreAnswered() {
        assertThat(dns.nameServers("example.com")).isEqualTo(DnsLookup.answer(List.of("ns-2048.awsdns-64.com", "ns-2049.awsdns-65.net")));
    }

    @Test
    void aNameWithoutNsRecordsIsNoDataAndAMissingNameIsNxdomain() {
        assertThat(dns.nameServers("www.example.com").status()).isEqualTo(DnsLookup.Status.NO_DATA);
        assertThat(dns.cname("_missing.www.example.com").status()).isEqualTo(DnsLookup.Status.NXDOMAIN);
    }

    @Test
    void cnameAndCaaRecordsAreReadAsTheyAre() {
        assertThat(dns.cname("_abc.www.example.com").values()).containsExactly("_def.acm-validations.aws");
        assertThat(dns.caa("example.com").values()).containsExactlyInAnyOrder(
            new CaaRecord(0, "issue", "letsencrypt.org"), new CaaRecord(0, "issuewild", "amazon.com; cansignhttpexchanges=yes"));
    }

    @Test
    void addressesAreTheARecords() {
        assertThat(dns.addresses("www.example.com")).isEqualTo(DnsLookup.answer(List.of("192.0.2.1")));
    }

    @Test
    void aZoneTheServerDoesNotServeProvesNothing() {
        DnsLookup<String> refused = dns.nameServers("other.org");
        assertThat(refused.status()).as("REFUSED is no evidence").isEqualTo(DnsLookup.Status.UNKNOWN);
        assertThat(refused.detail()).contains("REFUSED");
    }

    @Test
    void aResolverNothingListensOnIsUnreachable() throws Exception {
        DnsLookup<String> lookup = PublicDns.of("127.0.0.1:" + KnotServer.freeUdpPort()).nameServers("example.com");
        assertThat(lookup.status()).isEqualTo(DnsLookup.Status.UNREACHABLE);
    }

    @Test
    void aResolverThatNeverAnswersIsUnreachableWithinTheTimeout() {
        try (SilentDnsServer silent = SilentDnsServer.start()) {
            long started = System.nanoTime();
            DnsLookup<String> lookup = PublicDns.of(silent.address()).nameServers("example.com");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(lookup.status()).isEqualTo(DnsLookup.Status.UNREACHABLE);
            assertThat(millis).as("one look-up gives up after the timeout").isLessThan(5_000);
        }
    }
}
