package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DnsRole and ZoneTarget are map keys (records grouped by zone, gateways by role): equal exactly when their parts are. */
class MapKeysTest {
    private static final String ROLE = "arn:aws:iam::222222222222:role/dns";

    @Test
    void rolesAreEqualExactlyWhenArnAndExternalIdAre() {
        DnsRole role = new DnsRole(ROLE, "id-1");
        assertThat(role).isEqualTo(new DnsRole(ROLE, "id-1")).hasSameHashCodeAs(new DnsRole(ROLE, "id-1"));
        assertThat(new DnsRole(null, null)).isEqualTo(DnsRole.OWN_CREDENTIALS)
            .hasSameHashCodeAs(DnsRole.OWN_CREDENTIALS);
        assertThat(List.of(new DnsRole(ROLE, "id-2"), new DnsRole(ROLE, null), new DnsRole(ROLE + "2", "id-1"),
            DnsRole.OWN_CREDENTIALS)).allSatisfy(other -> assertThat(other).isNotEqualTo(role));
        assertThat(role).isNotEqualTo(null).isNotEqualTo(ROLE);
    }

    @Test
    void zoneTargetsAreEqualExactlyWhenZoneNameAndRoleAre() {
        ZoneTarget target = new ZoneTarget("Z1", "example.com", new DnsRole(ROLE, null));
        assertThat(target).isEqualTo(new ZoneTarget("Z1", "example.com", new DnsRole(ROLE, null)))
            .hasSameHashCodeAs(new ZoneTarget("Z1", "example.com", new DnsRole(ROLE, null)));
        assertThat(List.of(new ZoneTarget("Z2", "example.com", new DnsRole(ROLE, null)),
            new ZoneTarget("Z1", "example.org", new DnsRole(ROLE, null)),
            new ZoneTarget("Z1", "example.com", DnsRole.OWN_CREDENTIALS),
            new ZoneTarget(null, "example.com", new DnsRole(ROLE, null))))
            .allSatisfy(other -> assertThat(other).isNotEqualTo(target));
    }

    @Test
    void equalKeysFindTheSameEntry() {
        Map<ZoneTarget, String> records = new HashMap<>();
        records.put(new ZoneTarget("Z1", "example.com", DnsRole.OWN_CREDENTIALS), "first");
        records.merge(new ZoneTarget("Z1", "example.com", new DnsRole(null, null)), "second", (a, b) -> a + "," + b);
        assertThat(records).containsExactly(Map.entry(
            new ZoneTarget("Z1", "example.com", DnsRole.OWN_CREDENTIALS), "first,second"));
    }
}
