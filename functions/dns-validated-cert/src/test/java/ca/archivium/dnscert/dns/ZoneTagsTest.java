package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.config.AcmTags;
import ca.archivium.dnscert.config.InvalidPropertyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZoneTagsTest {
    private static final DnsRole ROLE = new DnsRole("arn:aws:iam::222222222222:role/dns-validation", null);
    private static final DnsRole ROLE_WITH_ID = new DnsRole("arn:aws:iam::222222222222:role/path/dns-validation",
        "ext-42:team/a=b@c.d");

    @Test
    void aZoneTagPerZoneRecordsHowTheZoneIsReachedAndReadsBackTheSame() {
        Map<String, String> tags = ZoneTags.of(List.of(
            new ZoneTarget("ZHERE", "example.com", DnsRole.OWN_CREDENTIALS),
            new ZoneTarget("ZTHERE", "example.org", ROLE),
            new ZoneTarget("ZWITHID", "example.net", ROLE_WITH_ID),
            new ZoneTarget("ZHERE", "example.com", ROLE)));

        assertThat(tags).as("one tag per zone, the first name's role").containsExactly(
            Map.entry("dns-validated-cert:zone:ZHERE", ""),
            Map.entry("dns-validated-cert:zone:ZTHERE", "arn:aws:iam::222222222222:role/dns-validation"),
            Map.entry("dns-validated-cert:zone:ZWITHID", "arn:aws:iam::222222222222:role/path/dns-validation ext-42:team/a=b@c.d"));
        assertThat(ZoneTags.read(tags)).containsExactly(
            Map.entry("ZHERE", new ZoneTags.RecordedZone("ZHERE", Optional.of(DnsRole.OWN_CREDENTIALS))),
            Map.entry("ZTHERE", new ZoneTags.RecordedZone("ZTHERE", Optional.of(ROLE))),
            Map.entry("ZWITHID", new ZoneTags.RecordedZone("ZWITHID", Optional.of(ROLE_WITH_ID))));
    }

    @Test
    void zoneTagsKeepAcmsTagModel() {
        String longestZoneId = "Z".repeat(32);
        Map<String, String> tags = ZoneTags.of(List.of(new ZoneTarget(longestZoneId, "example.com", ROLE_WITH_ID)));

        tags.forEach((key, value) -> {
            assertThat(AcmTags.keyProblem(key)).as("key %s", key).isEmpty();
            assertThat(AcmTags.valueProblem(value)).as("value %s", value).isEmpty();
        });
    }

    @Test
    void aRoleOrExternalIdOutsideAcmsTagCharactersIsMarkedNotRecordedAndReadsAsUnreachable() {
        // IAM allows a comma in role names and STS in external ids; ACM allows none in tag values.
        DnsRole comma = new DnsRole("arn:aws:iam::222222222222:role/dns,validation", null);
        DnsRole longId = new DnsRole("arn:aws:iam::222222222222:role/dns-validation", "x".repeat(240));
        Map<String, String> tags = ZoneTags.of(List.of(new ZoneTarget("ZCOMMA", "a.com", comma),
            new ZoneTarget("ZLONG", "b.com", longId)));

        assertThat(tags.values()).containsOnly(ZoneTags.NOT_RECORDED);
        assertThat(ZoneTags.read(tags).values()).extracting(ZoneTags.RecordedZone::role).containsOnly(Optional.empty());
    }

    @Test
    void otherTagsAreNotZones() {
        Map<String, String> tags = Map.of("dns-validated-cert:created-by", "stack/Cert", "team", "web",
            "dns-validated-cert:zone:", "");

        assertThat(ZoneTags.read(tags)).isEmpty();
    }

    @Test
    void userTagsMustLeaveRoomForTheProductsTwoAndOnePerZone() {
        List<ZoneTarget> threeZones = List.of(new ZoneTarget("Z1", "a.com", ROLE), new ZoneTarget("Z2", "b.com", ROLE),
            new ZoneTarget("Z3", "c.com", ROLE), new ZoneTarget("Z3", "c.com", ROLE));

        ZoneTags.checkRoom(45, threeZones);
        assertThatThrownBy(() -> ZoneTags.checkRoom(46, threeZones))
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessage("Tags: has 46 tags; with 3 hosted zones at most 45 are allowed (ACM keeps 50 tags per certificate;"
                + " the resource uses 2, and 1 per hosted zone to record where the validation records are, for renewals)");
    }

    @Test
    void aChangeOfZonesRemovesTheStaleZoneTagsOnlyAndAddsWhatDiffers() {
        Map<String, String> current = new LinkedHashMap<>();
        current.put("dns-validated-cert:created-by", "stack/Cert");
        current.put("team", "web");
        current.put("dns-validated-cert:zone:ZOLD", "");
        current.put("dns-validated-cert:zone:ZKEPT", "");
        current.put("dns-validated-cert:zone:ZROLE", "");
        Map<String, String> wanted = ZoneTags.of(List.of(new ZoneTarget("ZKEPT", "a.com", DnsRole.OWN_CREDENTIALS),
            new ZoneTarget("ZROLE", "b.com", ROLE), new ZoneTarget("ZNEW", "c.com", DnsRole.OWN_CREDENTIALS)));

        ZoneTags.Change change = ZoneTags.change(current, wanted);

        assertThat(change.stale()).containsExactly("dns-validated-cert:zone:ZOLD");
        assertThat(change.wanted()).containsOnly(
            Map.entry("dns-validated-cert:zone:ZROLE", ROLE.roleArn()), Map.entry("dns-validated-cert:zone:ZNEW", ""));
        assertThat(ZoneTags.change(wanted, wanted)).as("nothing to do when they match")
            .isEqualTo(new ZoneTags.Change(List.of(), Map.of()));
    }
}
