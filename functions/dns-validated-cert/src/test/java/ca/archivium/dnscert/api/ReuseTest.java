package ca.archivium.dnscert.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/** ReuseExistingCertificate: only a certificate with exactly the same names and key algorithm stands in. */
@IntegrationTest
class ReuseTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String FIRST_OWNER = "site-stack/Certificate";
    private static final String SECOND_OWNER = "api-stack/Certificate";

    private EngineUnderTest engine;
    private String existing;

    @BeforeEach
    void startWithAnIssuedCertificate() {
        engine = EngineUnderTest.start(ISSUED_AT_ONCE);
        try (Route53Fixtures dns = engine.ownDns()) {
            dns.createPublicZone("example.com");
        }
        existing = engine.provision(Map.of("DomainName", "example.com",
            "SubjectAlternativeNames", List.of("www.example.com", "api.example.com")), FIRST_OWNER).arn();
        assertThat(engine.describe(existing).statusAsString()).as("moto issues at once").isEqualTo("ISSUED");
        engine.proxy().resetCounts();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void issuedCertificateWithTheSameNamesInAnotherOrderIsReused() {
        Provisioned provisioned = engine.provision(Map.of("DomainName", "API.example.com",
            "SubjectAlternativeNames", List.of("example.com", "www.example.com"),
            "ReuseExistingCertificate", "true"), SECOND_OWNER);

        assertThat(provisioned.reused()).as("reused").isTrue();
        assertThat(provisioned.arn()).as("the existing certificate").isEqualTo(existing);
        assertThat(provisioned.status()).as("its status").isEqualTo(AcmStatus.ISSUED);
        assertThat(engine.proxy().calls("RequestCertificate")).as("no certificate requested").isZero();
        assertThat(engine.tags(existing)).as("the second owner is recorded as a user; the creator stays")
            .containsEntry(OwnershipTags.usedByKey(SECOND_OWNER), SECOND_OWNER)
            .containsEntry(OwnershipTags.usedByKey(FIRST_OWNER), FIRST_OWNER)
            .containsEntry(OwnershipTags.CREATED_BY, FIRST_OWNER);
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("still one certificate").containsExactly(existing);
    }

    @Test
    void certificateWithOneDifferentNameIsNotReused() {
        Provisioned provisioned = engine.provision(Map.of("DomainName", "example.com",
            "SubjectAlternativeNames", List.of("www.example.com", "mail.example.com"),
            "ReuseExistingCertificate", true), SECOND_OWNER);

        assertThat(provisioned.reused()).as("reused").isFalse();
        assertThat(provisioned.arn()).as("a new certificate").isNotEqualTo(existing);
        assertThat(engine.proxy().calls("RequestCertificate")).as("certificates requested").isEqualTo(1);
        assertThat(engine.tags(existing)).as("the existing certificate does not get the new owner")
            .doesNotContainKey(OwnershipTags.usedByKey(SECOND_OWNER));
    }

    @Test
    void certificateWithAnotherKeyAlgorithmIsNotReused() {
        List<ProxiedRequest> requests = engine.keepRequests("RequestCertificate");

        Provisioned provisioned = engine.provision(Map.of("DomainName", "example.com",
            "SubjectAlternativeNames", List.of("www.example.com", "api.example.com"),
            "KeyAlgorithm", "EC_prime256v1",
            "ReuseExistingCertificate", true), SECOND_OWNER);

        assertThat(provisioned.reused()).as("an RSA_2048 certificate does not stand in for EC_prime256v1").isFalse();
        assertThat(provisioned.arn()).as("a new certificate").isNotEqualTo(existing);
        assertThat(requests).as("one RequestCertificate").hasSize(1);
        assertThat(requests.get(0).bodyText()).as("asking for the EC key").contains("\"EC_prime256v1\"");
    }
}
