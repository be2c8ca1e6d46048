package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.archivium.dnscert.acm.AcmGateway;
import ca.archivium.dnscert.acm.OwnershipTags;
import ca.archivium.dnscert.dns.ZoneTags;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.ConformanceTiming;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** Letting go of a certificate: deleted only when this product made it and nobody else uses it. */
@IntegrationTest
class ReleaseTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String OWNER = "site-stack/Certificate";
    private static final String OTHER_OWNER = "api-stack/Certificate";
    private static final Map<String, Object> SITE = Map.of("DomainName", "example.com",
        "SubjectAlternativeNames", List.of("www.example.com"), "ReuseExistingCertificate", true,
        "Tags", List.of(Map.of("Key", "team", "Value", "web")));

    private EngineUnderTest engine;
    private HostedZoneFixture zone;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(ISSUED_AT_ONCE);
        try (Route53Fixtures dns = engine.ownDns()) {
            zone = dns.createPublicZone("example.com");
        }
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void certificateCreatedByTheProductAndUsedByNoOneElseIsDeleted() {
        Provisioned provisioned = engine.provision(SITE, OWNER);
        engine.proxy().resetCounts();

        Release release = release(provisioned, OWNER, false);

        assertThat(release.kind()).as("release of %s: %s", provisioned.arn(), release.detail()).isEqualTo(Release.Kind.DELETED);
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("certificates left in ACM").isEmpty();
        assertThat(engine.proxy().calls("ListCertificates")).as("no zone to clean up: no region asked about its records")
            .isZero();
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("records stay without CleanupValidationRecords").hasSize(2);
        }
    }

    @Test
    void certificateStillUsedByAnotherOwnerIsLeftInPlaceWithOnlyTheCallersTagRemoved() {
        Provisioned created = engine.provision(SITE, OWNER);
        Provisioned reused = engine.provision(SITE, OTHER_OWNER);
        assertThat(reused.arn()).as("the second owner reuses the certificate").isEqualTo(created.arn());

        Release release = release(created, OWNER, true);

        assertThat(release.kind()).as("release by the creator: %s", release.detail()).isEqualTo(Release.Kind.LEFT_IN_PLACE);
        assertThat(release.detail()).as("says who still uses it").contains(OTHER_OWNER);
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("certificate still in ACM").containsExactly(created.arn());
        assertThat(engine.tags(created.arn())).as("only the caller's used-by tag is gone")
            .containsExactlyInAnyOrderEntriesOf(Map.of(
                "team", "web",
                OwnershipTags.CREATED_BY, OWNER,
                OwnershipTags.usedByKey(OTHER_OWNER), OTHER_OWNER,
                ZoneTags.PREFIX + zone.id(), ""));
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("records of a certificate still in use stay, cleanup or not").hasSize(2);
        }
    }

    @Test
    void certificateCreatedOutsideTheProductIsNeverDeleted() {
        String outside = engine.certificateRequestedElsewhere(b -> b.domainName("example.com")
            .subjectAlternativeNames("www.example.com").validationMethod(ValidationMethod.DNS));
        Provisioned reused = engine.provision(SITE, OWNER);
        assertThat(reused.arn()).as("the outside certificate is reused").isEqualTo(outside);

        Release release = release(reused, OWNER, true);

        assertThat(release.kind()).as("release: %s", release.detail()).isEqualTo(Release.Kind.LEFT_IN_PLACE);
        assertThat(engine.certificateArns(Region.EU_WEST_1)).as("certificate still in ACM").containsExactly(outside);
        assertThat(engine.tags(outside)).as("the caller's used-by tag is removed").isEmpty();
        assertThat(engine.proxy().calls("DeleteCertificate")).as("DeleteCertificate never called").isZero();
    }

    @Test
    void certificateThatIsGoneAnswersAlreadyGone() {
        Provisioned provisioned = engine.provision(SITE, OWNER);
        try (AcmClient acm = engine.direct().acm()) {
            acm.deleteCertificate(b -> b.certificateArn(provisioned.arn()));
        }

        Release release = release(provisioned, OWNER, true);

        assertThat(release.kind()).as("release: %s", release.detail()).isEqualTo(Release.Kind.ALREADY_GONE);
        assertThat(release.finished()).as("nothing left to do").isTrue();
    }

    /**
     * CloudFormation's rollback Delete of a Create that failed right after RequestCertificate reaches the engine while
     * ACM still answers ResourceNotFoundException for the new certificate (for "several seconds", ACM API reference,
     * RequestCertificate): the certificate exists, so releasing it must not end as if it were gone.
     */
    @Test
    void aCertificateAcmDoesNotKnowYetIsNotTakenForGone() {
        engine.conformance().timing(ConformanceTiming.AWS);
        engine.inject(proxy -> proxy.every("DescribeCertificate").serverError(503));
        CertificateFailureException failed = catchThrowableOfType(CertificateFailureException.class,
            () -> engine.provision(SITE, OWNER));
        assertThat(failed).as("the Create fails after its certificate was requested").isNotNull();
        engine.clearFaults();

        Release release = engine.certificates().release(CertificateArn.of(failed.arn()), OWNER, Map.of());

        assertThat(release.finished() && engine.certificateArns(Region.EU_WEST_1).contains(failed.arn()))
            .as("release of %s ended (%s: %s) while the certificate still exists: the rollback would orphan it",
                failed.arn(), release.kind(), release.detail())
            .isFalse();
    }

    @Test
    void aCertificateAcmNoLongerKnowsHasNoTagsRatherThanFailingTheCaller() {
        Provisioned site = engine.provision(SITE, OWNER);
        try (AcmClient acm = engine.direct().acm()) {
            acm.deleteCertificate(b -> b.certificateArn(site.arn()));

            // Deleted since it was listed: a survey that reads its tags next must go on, and must not take it for one
            // of the product's own.
            assertThat(new AcmGateway(acm).tags(site.arn())).isEmpty();
        }
    }

    @Test
    void cleanupDeletesOnlyTheRecordsNoOtherCertificateNeeds() {
        Provisioned site = engine.provision(SITE, OWNER);
        // ACM uses one CNAME per name per account: www.example.com's record also validates this certificate.
        Provisioned www = engine.provision(Map.of("DomainName", "www.example.com"), OTHER_OWNER);
        Map<String, String> recordOf = engine.validationRecordNames(site.arn());
        assertThat(engine.validationRecordNames(www.arn())).as("moto gives the shared name the same record")
            .containsEntry("www.example.com", recordOf.get("www.example.com"));
        try (Route53Fixtures dns = engine.ownDns()) {
            dns.upsertRecord(zone.id(), "unrelated.example.com", software.amazon.awssdk.services.route53.model.RRType.CNAME,
                "target.example.net");
        }

        Release release = release(site, OWNER, true);

        assertThat(release.kind()).as("release: %s", release.detail()).isEqualTo(Release.Kind.DELETED);
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("example.com's record deleted; the shared one and the unrelated one stay")
                .containsOnlyKeys(recordOf.get("www.example.com"), "unrelated.example.com");
        }
    }

    private Release release(Provisioned provisioned, String owner, boolean cleanupRecords) {
        return engine.certificates().release(CertificateArn.of(provisioned.arn()), owner,
            cleanupRecords ? provisioned.plan().zones() : Map.of());
    }
}
