package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResolverSettingTest {
    @Test
    void unsetOrSystemMeansTheSystemsResolver() {
        assertThat(ResolverSetting.parse(null)).isEqualTo(ResolverSetting.SYSTEM);
        assertThat(ResolverSetting.parse(" ")).isEqualTo(ResolverSetting.SYSTEM);
        assertThat(ResolverSetting.parse("system")).isEqualTo(ResolverSetting.SYSTEM);
    }

    @Test
    void offSwitchesLookUpsOff() {
        assertThat(ResolverSetting.parse("OFF").off()).isTrue();
        assertThat(PublicDns.of("off").enabled()).isFalse();
    }

    @Test
    void hostAndPortForms() {
        assertThat(ResolverSetting.parse("127.0.0.1:5353")).isEqualTo(new ResolverSetting(false, "127.0.0.1", 5353));
        assertThat(ResolverSetting.parse("dns.example.net")).isEqualTo(new ResolverSetting(false, "dns.example.net", 53));
        assertThat(ResolverSetting.parse("[::1]:5300")).isEqualTo(new ResolverSetting(false, "::1", 5300));
        assertThat(ResolverSetting.parse("::1")).as("a bare IPv6 address").isEqualTo(new ResolverSetting(false, "::1", 53));
    }

    @Test
    void aBadValueNamesTheVariable() {
        for (String bad : new String[] {"127.0.0.1:0", "127.0.0.1:dns", ":53", "[::1", "127.0.0.1:70000"}) {
            assertThatThrownBy(() -> ResolverSetting.parse(bad)).as(bad).hasMessageContaining("DNSCERT_RESOLVER");
        }
    }

    @Test
    void buildingTheGatewayLoadsNoDnsLibrary() {
        PublicDns dns = PublicDns.of("127.0.0.1:5353");
        assertThat(dns).as("the dnsjava gateway is built on the first look-up").isInstanceOf(LazyPublicDns.class);
        assertThat(dns.toString()).isEqualTo("127.0.0.1:5353");
    }
}
