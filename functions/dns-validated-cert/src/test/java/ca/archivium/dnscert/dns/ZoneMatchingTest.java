package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneMatchingTest {

    @Test
    void candidatesGoFromTheMostSpecificNameToTheTopLevel() {
        assertThat(ZoneMatching.candidateZoneNames("www.dev.dxaws.com"))
            .containsExactly("www.dev.dxaws.com", "dev.dxaws.com", "dxaws.com", "com");
    }

    @Test
    void aWildcardIsPlacedUnderItsBaseName() {
        assertThat(ZoneMatching.candidateZoneNames("*.dev.dxaws.com")).containsExactly("dev.dxaws.com", "dxaws.com", "com");
    }

    @Test
    void zonesCoverNamesOnlyAtALabelBoundary() {
        assertThat(ZoneMatching.covers("dxaws.com", "www.dxaws.com")).isTrue();
        assertThat(ZoneMatching.covers("dxaws.com", "dxaws.com")).isTrue();
        assertThat(ZoneMatching.covers("dxaws.com", "*.dxaws.com")).isTrue();
        assertThat(ZoneMatching.covers("dxaws.com", "notdxaws.com")).as("look-alike zone").isFalse();
        assertThat(ZoneMatching.covers("dev.dxaws.com", "www.dxaws.com")).isFalse();
    }

    @Test
    void rule2_privateZonesAreNeverChosen() {
        List<HostedZone> listed = List.of(new HostedZone("ZPRIVATE", "dxaws.com", true));
        assertThat(ZoneMatching.publicZoneNamed("dxaws.com", listed)).isEmpty();
    }

    @Test
    void onlyTheZoneWithExactlyThatNameIsPicked() {
        List<HostedZone> listed = List.of(
            new HostedZone("ZPRIVATE", "dxaws.com", true),
            new HostedZone("ZPUBLIC", "dxaws.com", false),
            new HostedZone("ZNEXT", "www.dxaws.com", false));
        assertThat(ZoneMatching.publicZoneNamed("dxaws.com", listed)).map(HostedZone::id).contains("ZPUBLIC");
    }

    @Test
    void rule2_twoPublicZonesWithTheSameNameAreAnErrorListingBoth() {
        List<HostedZone> listed = List.of(new HostedZone("ZONE1", "dxaws.com", false), new HostedZone("ZONE2", "dxaws.com", false));
        assertThatThrownBy(() -> ZoneMatching.publicZoneNamed("dxaws.com", listed))
            .hasMessageContaining("ZONE1").hasMessageContaining("ZONE2").hasMessageContaining("HostedZoneId");
    }
}
