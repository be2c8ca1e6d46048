package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

@IntegrationTest
class Route53FixturesTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private final AwsTestEnvironment aws = ISSUED_AT_ONCE.freshMoto();

    @Test
    void createsPublicAndPrivateZones() {
        try (Route53Fixtures route53 = aws.route53Fixtures()) {
            HostedZoneFixture publicZone = route53.createPublicZone("example.com");
            HostedZoneFixture privateZone = route53.createPrivateZone("example.com");

            assertThat(publicZone.privateZone()).as("public zone").isFalse();
            assertThat(privateZone.privateZone()).as("private zone").isTrue();
            assertThat(publicZone.id()).as("bare id").doesNotContain("/");
            assertThat(route53.zones()).containsExactlyInAnyOrder(publicZone, privateZone);
        }
    }

    @Test
    void assumedRoleCredentialsSeeOnlyThatAccountsZones() {
        try (Route53Fixtures mine = aws.route53Fixtures();
             Route53Fixtures dnsAccount = aws.route53Fixtures("222222222222", "dns-validation")) {
            HostedZoneFixture myZone = mine.createPublicZone("example.com");
            HostedZoneFixture theirZone = dnsAccount.createPublicZone("other.org");

            assertThat(mine.zones()).as("default account's zones").containsExactly(myZone);
            assertThat(dnsAccount.zones()).as("account 222222222222's zones").containsExactly(theirZone);
        }
    }

    @Test
    void findsARecordByNameAndTypeWhateverTheSpelling() {
        try (Route53Fixtures route53 = aws.route53Fixtures()) {
            HostedZoneFixture zone = route53.createPublicZone("example.com");
            route53.upsertRecord(zone.id(), "_abc.example.com.", RRType.CNAME, "_xyz.acm-validations.aws.");
            route53.upsertRecord(zone.id(), "*.example.com", RRType.A, "192.0.2.1");

            assertThat(route53.record(zone.id(), "*.Example.com.", RRType.A)).as("wildcard A record").isPresent();
            assertThat(route53.record(zone.id(), "_ABC.example.com", RRType.CNAME))
                    .as("CNAME looked up in other case, without the final dot")
                    .map(ResourceRecordSet::resourceRecords)
                    .hasValueSatisfying(values -> assertThat(values).extracting(ResourceRecord::value)
                            .containsExactly("_xyz.acm-validations.aws."));
            assertThat(route53.record(zone.id(), "_abc.example.com", RRType.TXT)).as("no TXT of that name").isEmpty();
            assertThat(route53.records(zone.id())).extracting(ResourceRecordSet::type)
                    .as("a new zone's own records plus ours").contains(RRType.SOA, RRType.NS, RRType.CNAME, RRType.A);
        }
    }
}
