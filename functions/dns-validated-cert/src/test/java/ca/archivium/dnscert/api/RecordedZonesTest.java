package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.DNS_ACCOUNT_ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.config.InvalidPropertyException;
import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * The resource records on each certificate it requests where its validation records go (a tag per hosted zone naming
 * the role), so the renewal guardian finds them without the stack: written with the request, kept in line by updates
 * in place, never written on a certificate made elsewhere, and counted against ACM's 50 tags before anything exists.
 */
@IntegrationTest
class RecordedZonesTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String OWNER = "site-stack/Certificate";

    private EngineUnderTest engine;
    private HostedZoneFixture here;
    private HostedZoneFixture there;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(ISSUED_AT_ONCE);
        try (Route53Fixtures own = engine.ownDns(); Route53Fixtures dns = engine.dnsAccount()) {
            here = own.createPublicZone("example.com");
            there = dns.createPublicZone("example.com");
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void anUpdateThatMovesTheRecordsToAnotherAccountRecordsTheNewZoneAndRoleInPlaceOfTheOld() {
        Map<String, Object> before = Map.of("DomainName", "www.example.com");
        Provisioned provisioned = engine.provision(before, OWNER);
        assertThat(zoneTags(provisioned.arn())).containsExactly(Map.entry(ZoneTags.PREFIX + here.id(), ""));

        updateInPlace(provisioned.arn(), before, Map.of("DomainName", "www.example.com",
            "HostedZoneRoleArn", DNS_ACCOUNT_ROLE, "HostedZoneRoleExternalId", "site-42"));

        assertThat(zoneTags(provisioned.arn())).as("the zone in the DNS account, its role and external id")
            .containsExactly(Map.entry(ZoneTags.PREFIX + there.id(), DNS_ACCOUNT_ROLE + " site-42"));
    }

    @Test
    void aCertificateRequestedBeforeZonesWereRecordedGainsThemAtItsNextUpdateInPlace() {
        Map<String, Object> before = Map.of("DomainName", "www.example.com", "Tags", List.of(Map.of("Key", "team", "Value", "web")));
        Provisioned provisioned = engine.provision(before, OWNER);
        try (AcmClient acm = engine.direct().acm()) {
            acm.removeTagsFromCertificate(b -> b.certificateArn(provisioned.arn())
                .tags(t -> t.key(ZoneTags.PREFIX + here.id())));
        }

        updateInPlace(provisioned.arn(), before, Map.of("DomainName", "www.example.com",
            "Tags", List.of(Map.of("Key", "team", "Value", "platform"))));

        assertThat(zoneTags(provisioned.arn())).containsExactly(Map.entry(ZoneTags.PREFIX + here.id(), ""));
    }

    @Test
    void aCertificateMadeElsewhereGetsNoZoneTagsWhenReused() {
        String arn = engine.certificateRequestedElsewhere(b -> b.domainName("www.example.com")
            .validationMethod(software.amazon.awssdk.services.acm.model.ValidationMethod.DNS));

        Provisioned reused = engine.provision(Map.of("DomainName", "www.example.com", "ReuseExistingCertificate", "true"),
            OWNER);

        assertThat(reused.arn()).isEqualTo(arn);
        assertThat(zoneTags(arn)).as("its records are its maker's").isEmpty();
    }

    @Test
    void userTagsThatLeaveNoRoomForTheZoneTagsAreRefusedBeforeAnythingIsCreated() {
        try (Route53Fixtures own = engine.ownDns()) {
            own.createPublicZone("example.org");
        }
        List<Map<String, String>> tags = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            tags.add(Map.of("Key", "k" + i, "Value", "v"));
        }
        CertificateProperties properties = EngineUnderTest.properties(Map.of("DomainName", "www.example.com",
            "SubjectAlternativeNames", List.of("www.example.org"), "Tags", tags));

        assertThatThrownBy(() -> engine.certificates().plan(properties))
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessageStartingWith("Tags: has 47 tags; with 2 hosted zones at most 46 are allowed");
        assertThat(engine.proxy().calls("RequestCertificate")).isZero();
    }

    private void updateInPlace(String arn, Map<String, Object> before, Map<String, Object> after) {
        CertificateProperties old = EngineUnderTest.properties(before);
        CertificateProperties changed = EngineUnderTest.properties(after);
        HeldCertificate held = engine.certificates().heldCertificate(changed, OWNER, arn).orElseThrow();
        engine.certificates().updateInPlace(held, Optional.of(old), changed, engine.certificates().plan(changed).zones(),
            OWNER);
    }

    private Map<String, String> zoneTags(String arn) {
        Map<String, String> zones = new java.util.TreeMap<>(engine.tags(arn));
        zones.keySet().removeIf(key -> !key.startsWith(ZoneTags.PREFIX));
        return zones;
    }
}
