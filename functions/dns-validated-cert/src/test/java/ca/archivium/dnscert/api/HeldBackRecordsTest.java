package ca.archivium.dnscert.api;

import static ca.archivium.dnscert.api.EngineUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ResourceRecordWithholding;
import ca.archivium.dnscert.testing.Route53Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Right after RequestCertificate, ACM's answer lacks some or all ResourceRecords for a few seconds. The engine waits
 * for the full set, writes it, or says "not yet"; it never writes part of it.
 */
@IntegrationTest
class HeldBackRecordsTest {
    @RegisterExtension
    static final Emulators PENDING_FOR_AN_HOUR = Emulators.moto(3600);

    private static final String OWNER = "site-stack/Certificate";
    private static final Map<String, Object> THREE_NAMES = Map.of("DomainName", "example.com",
        "SubjectAlternativeNames", List.of("www.example.com", "api.example.com"));

    private EngineUnderTest engine;
    private HostedZoneFixture zone;
    private List<ProxiedRequest> changes;

    @BeforeEach
    void start() {
        engine = EngineUnderTest.start(PENDING_FOR_AN_HOUR);
        try (Route53Fixtures dns = engine.ownDns()) {
            zone = dns.createPublicZone("example.com");
        }
        changes = engine.keepRequests("ChangeResourceRecordSets");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(ResourceRecordWithholding.class)
    void recordsHeldBackForAFewDescribesAreWrittenWithinTheShortPoll(ResourceRecordWithholding withholding) {
        engine.inject(proxy -> proxy.next(3, "DescribeCertificate").withholdResourceRecords(withholding));

        Provisioned provisioned = engine.provision(THREE_NAMES, OWNER);

        assertThat(provisioned.recordsWritten()).as("records written once ACM showed them all").isTrue();
        assertThat(engine.proxy().calls("DescribeCertificate")).as("three incomplete answers, then the full one")
            .isEqualTo(4);
        assertThat(changes).as("one change batch").hasSize(1);
        assertThat(EngineUnderTest.changeCount(changes.get(0))).as("with every name's record").isEqualTo(3);
        assertAllRecordsWritten(provisioned.arn());
    }

    @ParameterizedTest
    @EnumSource(ResourceRecordWithholding.class)
    void recordsHeldBackLongerThanThePollAreNotWrittenUntilALaterCall(ResourceRecordWithholding withholding) {
        engine.inject(proxy -> proxy.every("DescribeCertificate").withholdResourceRecords(withholding));

        Provisioned provisioned = engine.provision(THREE_NAMES, OWNER);

        assertThat(provisioned.recordsWritten()).as("ACM never showed every record, so nothing was written").isFalse();
        assertThat(changes).as("no partial set of records is written").isEmpty();
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("zone records").isEmpty();
        }

        engine.clearFaults();
        RecordWrite written = engine.certificates().writeValidationRecords(CertificateArn.of(provisioned.arn()),
            provisioned.plan().zones());

        assertThat(written).as("a later call finds the records and writes them").isEqualTo(RecordWrite.WRITTEN);
        assertThat(changes).as("one change batch").hasSize(1);
        assertAllRecordsWritten(provisioned.arn());
    }

    private void assertAllRecordsWritten(String arn) {
        Map<String, String> recordOf = engine.validationRecordNames(arn);
        try (Route53Fixtures dns = engine.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("every name's record is in the zone")
                .containsOnlyKeys(recordOf.values());
        }
    }
}
