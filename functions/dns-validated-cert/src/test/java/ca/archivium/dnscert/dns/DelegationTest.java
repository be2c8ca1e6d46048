package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelegationTest {
    private static final List<String> ZONE_NS = List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net.");

    @Test
    void publicNameServersThatAreTheZonesProveTheDelegation() {
        Delegation.Check check = Delegation.check("example.com", ZONE_NS,
            DnsLookup.answer(List.of("NS-2.awsdns-02.net.", "ns-1.awsdns-01.com")));
        assertThat(check.verdict()).as("case and trailing dots do not matter").isEqualTo(Delegation.Verdict.DELEGATED);
    }

    @Test
    void aRegistrarListingOnlySomeOfTheZonesNameServersIsStillDelegated() {
        assertThat(Delegation.check("example.com", ZONE_NS, DnsLookup.answer(List.of("ns-1.awsdns-01.com"))).verdict())
            .isEqualTo(Delegation.Verdict.DELEGATED);
    }

    @Test
    void otherNameServersProveAWrongDelegationAndAreNamed() {
        Delegation.Check check = Delegation.check("example.com", ZONE_NS,
            DnsLookup.answer(List.of("ns1.other-dns.net", "ns-1.awsdns-01.com")));
        assertThat(check.verdict()).isEqualTo(Delegation.Verdict.WRONG);
        assertThat(check.comparison())
            .isEqualTo("public NS [ns-1.awsdns-01.com, ns1.other-dns.net] vs zone NS [ns-1.awsdns-01.com, ns-2.awsdns-02.net]");
    }

    @Test
    void whiteLabelNameServersWithTheZonesAddressesAreDelegated() {
        Map<String, DnsLookup<String>> addresses = Map.of(
            "ns-1.awsdns-01.com", DnsLookup.answer(List.of("205.251.192.1")),
            "ns-2.awsdns-02.net", DnsLookup.answer(List.of("205.251.194.2")),
            "ns1.example.com", DnsLookup.answer(List.of("205.251.192.1")),
            "ns1.other-dns.net", DnsLookup.answer(List.of("198.51.100.7")));
        assertThat(Delegation.check("example.com", ZONE_NS, DnsLookup.answer(List.of("ns1.example.com")),
            host -> addresses.getOrDefault(host, DnsLookup.nxdomain())).verdict())
            .as("ns1.example.com is glued to one of the zone's name servers").isEqualTo(Delegation.Verdict.DELEGATED);
        assertThat(Delegation.check("example.com", ZONE_NS, DnsLookup.answer(List.of("ns1.other-dns.net")),
            host -> addresses.getOrDefault(host, DnsLookup.nxdomain())).verdict())
            .isEqualTo(Delegation.Verdict.WRONG);
        assertThat(Delegation.check("example.com", ZONE_NS, DnsLookup.answer(List.of("ns1.example.com")),
            host -> DnsLookup.unreachable("timed out")).verdict())
            .as("addresses that cannot be compared leave the names' verdict").isEqualTo(Delegation.Verdict.WRONG);
    }

    @Test
    void anApexWithoutNsRecordsIsNotDelegatedByItsParent() {
        assertThat(Delegation.check("dev.example.com", ZONE_NS, DnsLookup.noData()).verdict())
            .isEqualTo(Delegation.Verdict.WRONG);
    }

    @Test
    void aNameUnknownToPublicDnsProvesNothing() {
        // moto's zones (and domains not registered yet) look like this; only positive evidence fails a request.
        Delegation.Check check = Delegation.check("example.com", ZONE_NS, DnsLookup.nxdomain());
        assertThat(check.verdict()).isEqualTo(Delegation.Verdict.UNKNOWN);
        assertThat(check.detail()).contains("does not exist");
    }

    @Test
    void aLookUpThatFailedProvesNothing() {
        assertThat(Delegation.check("example.com", ZONE_NS, DnsLookup.unreachable("timed out")).verdict())
            .isEqualTo(Delegation.Verdict.UNKNOWN);
        assertThat(Delegation.check("example.com", ZONE_NS, DnsLookup.unknown("SERVFAIL")).verdict())
            .isEqualTo(Delegation.Verdict.UNKNOWN);
    }

    @Test
    void aZoneWhoseNameServersAreNotKnownIsNotJudged() {
        assertThat(Delegation.check("example.com", List.of(), DnsLookup.answer(List.of("ns1.other-dns.net"))).verdict())
            .isEqualTo(Delegation.Verdict.UNKNOWN);
    }
}
