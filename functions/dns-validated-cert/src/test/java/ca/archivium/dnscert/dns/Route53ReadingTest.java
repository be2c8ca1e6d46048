package ca.archivium.dnscert.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Route 53 allows five requests a second per account: the guardian reads a zone's records the cheaper way. */
class Route53ReadingTest {

    @Test
    void aZoneIsListedWholeOnlyWhenThatTakesFewerCallsThanOneLookUpPerRecord() {
        assertThat(Route53Gateway.readsWholeZone(1, 10)).as("one record: one look-up").isFalse();
        assertThat(Route53Gateway.readsWholeZone(2, 10)).as("two records in a one-page zone").isTrue();
        assertThat(Route53Gateway.readsWholeZone(2_000, 2_500)).as("2,000 records: 9 pages of 300").isTrue();
        assertThat(Route53Gateway.readsWholeZone(9, 2_500)).as("9 look-ups against 9 pages").isFalse();
        assertThat(Route53Gateway.readsWholeZone(5, 100_000)).as("a few records in a large zone").isFalse();
    }
}
