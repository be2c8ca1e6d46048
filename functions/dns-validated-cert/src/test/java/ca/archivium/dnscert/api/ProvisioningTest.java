package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.DNS_ACCOUNT_ROLE;
import static ca.archivium.dnscert.api.EngineUnderTest.OWN_ACCESS_KEY;
import static ca.archivium.dnscert.api.EngineUnderTest.OWN_ACCOUNT_ROLE;
import static ca.archivium.dnscert.api.EngineUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.dns.DnsRole;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.ConformanceTiming;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.model.CertificateDetail;

/** Requesting a certificate and writing its validation records, across regions, accounts and zones. */
@IntegrationTest
class ProvisioningTest {
    @RegisterExtension
    static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);

    private static final String OWNER = "site-stack/Certificate";

    private EngineUnderTest engine;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(PENDING_FOR_AN_HOUR);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /**
     * ACM at AWS's magnitude: the new certificate is not found for 3 s, its records come at 4.5 to 6 s. The 4-second
     * poll of one step gives up without writing anything and without failing; a later step writes every record.
     */
    @Test
    void recordsAcmGivesLaterThanOneStepsPollAreWrittenByALaterStep() {
        engine.conformance().timing(ConformanceTiming.AWS);
        HostedZoneFixture zone;
        try (Route53Fixtures own = engine.ownDns()) {
            zone = own.createPublicZone("example.com");
        }

        Provisioned provisioned = engine.provision(Map.of("DomainName", "example.com",
            "SubjectAlternativeNames", List.of("www.example.com")), OWNER);

        assertThat(provisioned.recordsWritten()).as("no record within the 4-second poll").isFalse();
        assertThat(engine.proxy().calls("DescribeCertificate")).as("asked again through the not-found window")
            .isGreaterThan(1);
        try (Route53Fixtures own = engine.ownDns()) {
            assertThat(cnames(own, zone.id())).isEmpty();
        }
        assertThat(engine.certificates().writeValidationRecords(CertificateArn.of(provisioned.arn()),
            provisioned.plan().zones()).written())
            .as("the next step's poll finds them").isTrue();
        try (Route53Fixtures own = engine.ownDns()) {
            assertThat(cnames(own, zone.id())).as("one record per name").hasSize(2);
        }
    }

    @Test
    void certificateAcrossTwoAccountsGetsItsNamesTagsAndEveryRecordInTheRightZone() {
        HostedZoneFixture exampleCom;
        HostedZoneFixture otherOrg;
        try (Route53Fixtures own = engine.ownDns(); Route53Fixtures dns = engine.dnsAccount()) {
            exampleCom = own.createPublicZone("example.com");
            otherOrg = dns.createPublicZone("other.org");
        }
        List<ProxiedRequest> assumeRoles = engine.keepRequests("AssumeRole");
        List<ProxiedRequest> changes = engine.keepRequests("ChangeResourceRecordSets");
        CertificateProperties properties = EngineUnderTest.properties(Map.of(
            "DomainName", "example.com",
            "SubjectAlternativeNames", List.of("www.example.com", "other.org", "*.other.org"),
            "HostedZoneRoleArn", OWN_ACCOUNT_ROLE,
            "DomainValidationOptions", List.of(Map.of("DomainName", "other.org", "HostedZoneRoleArn", DNS_ACCOUNT_ROLE)),
            "Tags", List.of(Map.of("Key", "team", "Value", "web"))));

        Plan plan = engine.certificates().plan(properties);
        Provisioned provisioned = engine.certificates().provision(properties, plan, OWNER, "request-1");

        DnsRole ownRole = new DnsRole(OWN_ACCOUNT_ROLE, null);
        DnsRole dnsRole = new DnsRole(DNS_ACCOUNT_ROLE, null);
        assertThat(plan.zones()).as("each name's zone and the role it is reached through (the wildcard follows other.org)")
            .containsExactly(
                entry("example.com", new ZoneTarget(exampleCom.id(), "example.com", ownRole)),
                entry("www.example.com", new ZoneTarget(exampleCom.id(), "example.com", ownRole)),
                entry("other.org", new ZoneTarget(otherOrg.id(), "other.org", dnsRole)),
                entry("*.other.org", new ZoneTarget(otherOrg.id(), "other.org", dnsRole)));
        assertThat(provisioned.reused()).as("a new certificate was requested").isFalse();
        assertThat(provisioned.recordsWritten()).as("moto publishes records at once, so they were written").isTrue();
        assertThat(provisioned.arn()).as("certificate in the home region and the function's account")
            .startsWith("arn:aws:acm:eu-west-1:123456789012:certificate/");

        CertificateDetail detail = engine.describe(provisioned.arn());
        assertThat(detail.domainName()).as("primary name").isEqualTo("example.com");
        assertThat(detail.subjectAlternativeNames()).as("every name on the certificate")
            .containsExactlyInAnyOrder("example.com", "www.example.com", "other.org", "*.other.org");
        assertThat(engine.tags(provisioned.arn())).as("user tags plus the product's own, with each zone and its role")
            .containsExactlyInAnyOrderEntriesOf(Map.of(
                "team", "web",
                OwnershipTags.CREATED_BY, OWNER,
                OwnershipTags.usedByKey(OWNER), OWNER,
                ZoneTags.PREFIX + exampleCom.id(), OWN_ACCOUNT_ROLE,
                ZoneTags.PREFIX + otherOrg.id(), DNS_ACCOUNT_ROLE));

        Map<String, String> recordOf = engine.validationRecordNames(provisioned.arn());
        String value = engine.validationValue(provisioned.arn(), recordOf.get("example.com"));
        try (Route53Fixtures own = engine.ownDns(); Route53Fixtures dns = engine.dnsAccount()) {
            assertThat(cnames(own, exampleCom.id())).as("example.com zone (account 123456789012) holds its two names' records")
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                    recordOf.get("example.com"), value,
                    recordOf.get("www.example.com"), value));
            assertThat(recordOf.get("*.other.org")).as("ACM's record of the wildcard is the one of its base name")
                .isEqualTo(recordOf.get("other.org"));
            assertThat(cnames(dns, otherOrg.id())).as("other.org zone (account 222222222222) holds one shared record")
                .containsExactlyInAnyOrderEntriesOf(Map.of(recordOf.get("other.org"), value));
        }

        assertThat(changes).as("one change batch per zone").extracting(EngineUnderTest::zoneIdOf)
            .containsExactlyInAnyOrder(exampleCom.id(), otherOrg.id());
        assertThat(changes).as("no record was written with the function's own credentials: both zones go through roles")
            .allSatisfy(change -> assertThat(change.call().accessKeyId()).isNotEqualTo(OWN_ACCESS_KEY));
        assertThat(assumeRoles).as("one AssumeRole per role, signed with the function's own key")
            .allSatisfy(call -> assertThat(call.call().accessKeyId()).isEqualTo(OWN_ACCESS_KEY))
            .extracting(EngineUnderTest::roleArnOf)
            .containsExactlyInAnyOrder(OWN_ACCOUNT_ROLE, DNS_ACCOUNT_ROLE);
        assertThat(engine.proxy().calls("RequestCertificate")).as("one certificate requested").isEqualTo(1);
    }

    @Test
    void certificateForCloudFrontGoesToUsEast1WhateverTheHomeRegion() {
        try (Route53Fixtures own = engine.ownDns()) {
            own.createPublicZone("example.com");
        }

        Provisioned provisioned = engine.provision(Map.of("DomainName", "cdn.example.com", "Region", "us-east-1"), OWNER);

        assertThat(engine.certificates().homeRegion()).as("the engine runs in eu-west-1").isEqualTo("eu-west-1");
        assertThat(provisioned.plan().region()).as("planned region").isEqualTo("us-east-1");
        assertThat(provisioned.arn()).as("certificate ARN").startsWith("arn:aws:acm:us-east-1:");
        assertThat(engine.certificateArns(Region.US_EAST_1)).as("ACM in us-east-1").containsExactly(provisioned.arn());
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("ACM in the home region has no certificate").isEmpty();
    }

    @Test
    void rule4_apexAndWildcardShareOneRecordWrittenOnceInOneBatch() {
        HostedZoneFixture zone;
        try (Route53Fixtures own = engine.ownDns()) {
            zone = own.createPublicZone("example.com");
        }
        List<ProxiedRequest> changes = engine.keepRequests("ChangeResourceRecordSets");

        Provisioned provisioned = engine.provision(
            Map.of("DomainName", "example.com", "SubjectAlternativeNames", List.of("*.example.com")), OWNER);

        assertThat(provisioned.recordsWritten()).as("records written without a duplicate-change error").isTrue();
        assertThat(changes).as("one change batch").hasSize(1);
        assertThat(EngineUnderTest.changeCount(changes.get(0))).as("holding one change: %s", changes.get(0).bodyText())
            .isEqualTo(1);
        Map<String, String> recordOf = engine.validationRecordNames(provisioned.arn());
        try (Route53Fixtures own = engine.ownDns()) {
            assertThat(cnames(own, zone.id())).as("the zone holds the one shared record")
                .containsOnlyKeys(recordOf.get("example.com"))
                .containsOnlyKeys(recordOf.get("*.example.com"));
        }
    }
}
