package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * Which hosted zone receives each validation record: the most specific public zone that is a label-aligned suffix,
 * never a private one, an explicit HostedZoneId first; and when no zone fits, nothing is created at all.
 */
@IntegrationTest
class ZoneSelectionTest {
    @RegisterExtension
    static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);

    private static final String OWNER = "site-stack/Certificate";

    private EngineUnderTest engine;
    private Route53Fixtures dns;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(PENDING_FOR_AN_HOUR);
        dns = engine.ownDns();
    }

    @AfterEach
    void stop() {
        dns.close();
        engine.close();
    }

    @Test
    void nestedZoneTakesTheNamesBelowItAndTheParentZoneTheRest() {
        HostedZoneFixture parent = dns.createPublicZone("dxaws.com");
        HostedZoneFixture nested = dns.createPublicZone("dev.dxaws.com");
        HostedZoneFixture lookAlike = dns.createPublicZone("notdxaws.com");
        CertificateProperties properties = EngineUnderTest.properties(Map.of("DomainName", "dxaws.com",
            "SubjectAlternativeNames", List.of("www.dxaws.com", "www.dev.dxaws.com", "*.dev.dxaws.com")));

        Plan plan = engine.certificates().plan(properties);
        Provisioned provisioned = engine.certificates().provision(properties, plan, OWNER, "request-1");

        assertThat(plan.zones()).extractingFromEntries(e -> e.getKey() + " -> " + e.getValue().zoneName())
            .as("most specific public zone per name")
            .containsExactly("dxaws.com -> dxaws.com", "www.dxaws.com -> dxaws.com",
                "www.dev.dxaws.com -> dev.dxaws.com", "*.dev.dxaws.com -> dev.dxaws.com");
        Map<String, String> recordOf = engine.validationRecordNames(provisioned.arn());
        assertThat(cnames(dns, nested.id())).as("dev.dxaws.com holds the records of the names below it")
            .containsOnlyKeys(recordOf.get("www.dev.dxaws.com"), recordOf.get("*.dev.dxaws.com"));
        assertThat(cnames(dns, parent.id())).as("dxaws.com holds only its own names' records")
            .containsOnlyKeys(recordOf.get("dxaws.com"), recordOf.get("www.dxaws.com"));
        assertThat(cnames(dns, lookAlike.id())).as("notdxaws.com is not a parent of dxaws.com").isEmpty();
    }

    @Test
    void privateZoneWithTheSameNameAsThePublicOneIsNeverChosen() {
        HostedZoneFixture privateZone = dns.createPrivateZone("example.com");
        HostedZoneFixture publicZone = dns.createPublicZone("example.com");

        Provisioned provisioned = engine.provision(Map.of("DomainName", "www.example.com"), OWNER);

        assertThat(provisioned.plan().zones().get("www.example.com")).as("zone chosen")
            .extracting(ZoneTarget::zoneId).isEqualTo(publicZone.id());
        assertThat(cnames(dns, publicZone.id())).as("public zone has the record").hasSize(1);
        assertThat(cnames(dns, privateZone.id())).as("private zone untouched").isEmpty();
    }

    @Test
    void nameWithOnlyAPrivateZoneFailsAndNothingIsCreated() {
        HostedZoneFixture privateZone = dns.createPrivateZone("internal.example");

        assertThatThrownBy(() -> engine.provision(Map.of("DomainName", "app.internal.example"), OWNER))
            .as("no public zone for the name")
            .isInstanceOf(ZoneResolutionException.class)
            .hasMessageContaining("app.internal.example")
            .hasMessageContaining("private zones are never used");
        assertNothingCreated(privateZone);
    }

    @Test
    void twoPublicZonesWithTheSameNameFailListingBothIds() {
        HostedZoneFixture first = dns.createPublicZone("example.com");
        HostedZoneFixture second = dns.createPublicZone("example.com");

        assertThatThrownBy(() -> engine.provision(Map.of("DomainName", "www.example.com"), OWNER))
            .as("ambiguous zone")
            .isInstanceOf(ZoneResolutionException.class)
            .hasMessageContaining(first.id())
            .hasMessageContaining(second.id())
            .hasMessageContaining("HostedZoneId");
        assertNothingCreated(first, second);
    }

    @Test
    void explicitHostedZoneIdChoosesBetweenTwoPublicZonesOfTheSameName() {
        HostedZoneFixture first = dns.createPublicZone("example.com");
        HostedZoneFixture second = dns.createPublicZone("example.com");

        Provisioned provisioned = engine.provision(Map.of("DomainName", "example.com",
            "SubjectAlternativeNames", List.of("*.example.com"),
            "DomainValidationOptions", List.of(Map.of("DomainName", "example.com", "HostedZoneId", second.id()))), OWNER);

        assertThat(provisioned.plan().hostedZoneIds()).as("the named zone, for the wildcard too").containsExactly(second.id());
        assertThat(cnames(dns, second.id())).as("named zone has the shared record").hasSize(1);
        assertThat(cnames(dns, first.id())).as("the other zone of that name is untouched").isEmpty();
    }

    @Test
    void explicitHostedZoneIdThatDoesNotCoverTheNameFails() {
        HostedZoneFixture example = dns.createPublicZone("example.com");
        HostedZoneFixture other = dns.createPublicZone("other.org");

        assertThatThrownBy(() -> engine.provision(Map.of("DomainName", "www.example.com",
            "DomainValidationOptions", List.of(Map.of("DomainName", "www.example.com", "HostedZoneId", other.id()))), OWNER))
            .as("zone other.org cannot hold www.example.com")
            .isInstanceOf(ZoneResolutionException.class)
            .hasMessageContaining(other.id())
            .hasMessageContaining("does not cover www.example.com");
        assertNothingCreated(example, other);
    }

    private void assertNothingCreated(HostedZoneFixture... zones) {
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("no certificate in ACM").isEmpty();
        assertThat(engine.proxy().calls("RequestCertificate")).as("RequestCertificate never called").isZero();
        assertThat(engine.proxy().calls("ChangeResourceRecordSets")).as("no record change sent").isZero();
        for (HostedZoneFixture zone : zones) {
            assertThat(cnames(dns, zone.id())).as("no record in %s (%s)", zone.name(), zone.id()).isEmpty();
        }
    }
}
