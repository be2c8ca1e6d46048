package ca.archivium.dnscert.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.config.CertificateProperties;
import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/** Changes that keep the certificate: tags are applied to the same ARN; the transparency preference changes nothing. */
@IntegrationTest
class UpdateInPlaceTest {
    @RegisterExtension
    static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);

    private static final String OWNER = "site-stack/Certificate";

    private EngineUnderTest engine;
    private Map<String, Object> before;
    private Provisioned provisioned;

    @BeforeEach
    void startWithACertificate() {
        engine = EngineUnderTest.start(PENDING_FOR_AN_HOUR);
        try (Route53Fixtures dns = engine.ownDns()) {
            dns.createPublicZone("example.com");
        }
        before = Map.of("DomainName", "example.com", "Tags", List.of(
            Map.of("Key", "team", "Value", "web"),
            Map.of("Key", "cost-centre", "Value", "42")));
        provisioned = engine.provision(before, OWNER);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void tagsAreReplacedKeepingTheProductsOwnTagsOnTheSameCertificate() {
        Map<String, Object> after = with(before, "Tags", List.of(
            Map.of("Key", "team", "Value", "platform"),
            Map.of("Key", "service", "Value", "site")));

        update(after);

        assertThat(engine.tags(provisioned.arn())).as("stale user tag removed, changed and new ones set, own tags kept")
            .containsExactlyInAnyOrderEntriesOf(Map.of(
                "team", "platform",
                "service", "site",
                OwnershipTags.CREATED_BY, OWNER,
                OwnershipTags.usedByKey(OWNER), OWNER,
                ZoneTags.PREFIX + provisioned.plan().hostedZoneIds().iterator().next(), ""));
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("same certificate, no other").containsExactly(provisioned.arn());
        assertThat(engine.proxy().calls("RequestCertificate")).as("no new certificate requested").isZero();
    }

    @Test
    void aTransparencyOptOutIsNeverSentSinceAcmWithdrewIt() {
        // ACM withdrew the opt-out on 12 June 2026 (its model deprecates CertificateTransparencyLoggingPreference):
        // an update to DISABLED, or a rollback back to a template that said it, must not depend on ACM taking it.
        // The layer leaves UpdateCertificateOptions to moto 5.2.1, which answers HTTP 500: a call would also fail
        // the update here.
        List<ProxiedRequest> updates = engine.keepRequests("UpdateCertificateOptions");

        update(with(before, "CertificateTransparencyLoggingPreference", "DISABLED"));
        update(with(before, "CertificateTransparencyLoggingPreference", "ENABLED"));

        assertThat(updates).as("no UpdateCertificateOptions, either way").isEmpty();
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("same certificate, no other").containsExactly(provisioned.arn());
        assertThat(engine.proxy().calls("RequestCertificate")).as("no new certificate requested").isZero();
    }

    private void update(Map<String, Object> after) {
        CertificateProperties old = EngineUnderTest.properties(before);
        CertificateProperties changed = EngineUnderTest.properties(after);
        engine.proxy().resetCounts();
        assertThat(old.needsNewCertificate(changed, engine.certificates().homeRegion())).as("an in-place change").isFalse();
        HeldCertificate held = engine.certificates().heldCertificate(changed, OWNER, provisioned.arn()).orElseThrow(
            () -> new AssertionError("the certificate the resource holds serves the changed properties"));
        assertThat(held.arn().arn()).isEqualTo(provisioned.arn());
        engine.certificates().updateInPlace(held, Optional.of(old), changed, engine.certificates().plan(changed).zones(),
            OWNER);
    }

    private static Map<String, Object> with(Map<String, Object> properties, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(properties);
        changed.put(key, value);
        return changed;
    }
}
