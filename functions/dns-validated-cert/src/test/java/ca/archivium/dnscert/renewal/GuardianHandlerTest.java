package ca.archivium.dnscert.renewal;

import static ca.archivium.dnscert.renewal.GuardianUnderTest.cnames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.failure.Failure;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.ProxiedRequest;
import ca.archivium.dnscert.testing.ProxyReply;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.AcmConformance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The renewal guardian's Lambda handler against moto through the conformance layer: the daily run writes back a
 * validation record deleted or changed behind the product's back, in this account or through the role recorded on
 * the certificate; ACM's event has the certificate it names checked; certificates made elsewhere are left alone; a
 * certificate that will not renew raises the alarm's metric.
 */
@IntegrationTest
class GuardianHandlerTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String OWNER = "site-stack/Certificate";
    private static final String SCHEDULE = "guardian-schedule.json";

    private GuardianUnderTest world;
    private HostedZoneFixture zone;

    @BeforeEach
    void start() {
        world = GuardianUnderTest.start(ISSUED_AT_ONCE, PublicDns.OFF);
        zone = world.zone("example.com");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theDailyRunWritesBackARecordDeletedAndARecordChangedBehindTheProductsBack() {
        String arn = world.provision(Map.of("DomainName", "www.example.com", "SubjectAlternativeNames", List.of("example.com")),
            OWNER);
        Map<String, String> wanted = world.validationRecords(arn);
        assertThat(wanted).as("ACM's records for the two names").hasSize(2);
        String deleted = wanted.keySet().stream().filter(n -> n.endsWith(".www.example.com")).findFirst().orElseThrow();
        String changed = wanted.keySet().stream().filter(n -> !n.endsWith(".www.example.com")).findFirst().orElseThrow();
        try (Route53Fixtures dns = world.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("the records the resource wrote").containsAllEntriesOf(wanted);
            world.deleteRecord(dns, zone.id(), deleted);
            dns.upsertRecord(zone.id(), changed, software.amazon.awssdk.services.route53.model.RRType.CNAME,
                "_stale.acm-validations.aws");
        }
        world.proxy().resetCounts();
        List<ProxiedRequest> changes = world.keepRequests("ChangeResourceRecordSets");

        JsonNode answer = world.invoke(SCHEDULE);

        try (Route53Fixtures dns = world.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("both records, with ACM's values, after the run").containsAllEntriesOf(wanted);
        }
        assertThat(answer.path("RecordsRestored").asInt()).as("the handler's answer: %s", answer).isEqualTo(2);
        assertThat(answer.path("AtRisk").asInt()).as("the handler's answer: %s", answer).isZero();
        assertThat(changes).as("one UPSERT batch for the zone, and no DELETE").singleElement()
            .satisfies(change -> assertThat(change.bodyText()).contains("<Action>UPSERT</Action>").doesNotContain("DELETE"));
        JsonNode line = world.lineAbout(arn);
        assertThat(line.path("Records").findValuesAsText("State")).containsOnly("RESTORED");
        assertThat(line.path("Records").findValuesAsText("Found")).containsExactly("_stale.acm-validations.aws");
        assertThat(world.metric(GuardianLog.RESTORED)).isEqualTo(2);
        assertThat(world.metric(GuardianLog.AT_RISK)).isZero();
        assertThat(answer.path("Certificates").asInt()).isEqualTo(1);
        assertThat(world.proxy().calls()).as("the run's calls")
            .doesNotContainKeys("DeleteCertificate", "AddTagsToCertificate", "RemoveTagsFromCertificate",
                "ListHostedZonesByName");
    }

    @Test
    void aRecordInTheDnsAccountIsWrittenBackThroughTheRoleAndExternalIdRecordedOnTheCertificate() {
        HostedZoneFixture there = world.dnsAccountZone("example.org");
        String arn = world.provision(Map.of("DomainName", "app.example.org",
            "HostedZoneRoleArn", GuardianUnderTest.DNS_ROLE, "HostedZoneRoleExternalId", "site-42"), OWNER);
        assertThat(world.tags(arn)).as("the zone tag the resource wrote")
            .containsEntry("dns-validated-cert:zone:" + there.id(), GuardianUnderTest.DNS_ROLE + " site-42");
        String record = world.validationRecords(arn).keySet().iterator().next();
        try (Route53Fixtures dns = world.dnsAccount()) {
            world.deleteRecord(dns, there.id(), record);
        }
        List<ProxiedRequest> assumed = world.keepRequests("AssumeRole");

        JsonNode answer = world.invoke(SCHEDULE);

        try (Route53Fixtures dns = world.dnsAccount()) {
            assertThat(cnames(dns, there.id())).as("the DNS account's zone after the run")
                .containsAllEntriesOf(world.validationRecords(arn));
        }
        assertThat(answer.path("RecordsRestored").asInt()).as("%s", answer).isEqualTo(1);
        assertThat(assumed).as("the role was assumed with the recorded external id").isNotEmpty()
            .allSatisfy(request -> assertThat(request.bodyText()).contains("ExternalId=site-42")
                .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fdns-validation"));
    }

    @Test
    void aRoleStsRefusesPutsTheRecordOutOfReachWithStsAdviceOnce() {
        world.dnsAccountZone("example.org");
        String arn = world.provision(Map.of("DomainName", "app.example.org",
            "HostedZoneRoleArn", GuardianUnderTest.DNS_ROLE, "HostedZoneRoleExternalId", "site-42"), OWNER);
        // STS's answer when the role's trust policy does not name the guardian's role, among others (AWS Knowledge
        // Center, "iam-assume-role-error"); moto checks no trust policy.
        world.proxy().every("AssumeRole").reply(request -> ProxyReply.awsError(request.call(), 403, "Sender",
            "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/guardian/fn is not authorized to perform:"
                + " sts:AssumeRole on resource: " + GuardianUnderTest.DNS_ROLE));
        world.proxy().resetCounts();

        JsonNode answer = world.invoke(SCHEDULE);

        assertThat(answer.path("AtRisk").asInt()).as("%s", answer).isEqualTo(1);
        JsonNode line = world.lineAbout(arn);
        assertThat(line.path("Records").findValuesAsText("State")).containsExactly("UNREACHABLE");
        String risk = line.path("Findings").get(0).path("Text").asText();
        assertThat(risk).contains("cannot be read", "AssumeRole failed: AccessDenied", GuardianUnderTest.DNS_ROLE,
            "the stack's RenewalGuardianRoleArn output");
        assertThat(risk.split(Pattern.quote(Failure.ASSUME_ROLE_DENIED), -1)).as("STS's advice said once: %s", risk)
            .hasSize(2);
        assertThat(world.proxy().calls()).as("nothing written").doesNotContainKey("ChangeResourceRecordSets");
    }

    @Test
    void acmsRenewalEventHasOnlyTheCertificateItNamesChecked() {
        String named = world.provision(Map.of("DomainName", "www.example.com"), OWNER);
        String other = world.provision(Map.of("DomainName", "api.example.com"), "api-stack/Certificate");
        String namedRecord = world.validationRecords(named).keySet().iterator().next();
        String otherRecord = world.validationRecords(other).keySet().iterator().next();
        try (Route53Fixtures dns = world.ownDns()) {
            world.deleteRecord(dns, zone.id(), namedRecord);
            world.deleteRecord(dns, zone.id(), otherRecord);
        }
        world.proxy().resetCounts();
        ObjectNode event = GuardianUnderTest.event("acm-renewal-action-required.json");
        event.putArray("resources").add(named);

        JsonNode answer = world.invoke(event);

        try (Route53Fixtures dns = world.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("after the event").containsKey(namedRecord).doesNotContainKey(otherRecord);
        }
        assertThat(answer.path("Certificates").asInt()).as("%s", answer).isEqualTo(1);
        assertThat(world.proxy().calls("ListCertificates")).as("no survey of the regions").isZero();
        assertThat(world.logLines()).as("an event's run that found none at risk says nothing of the others' count")
            .noneMatch(line -> line.has(GuardianLog.AT_RISK));
    }

    @Test
    void anEventNamingACertificateSinceDeletedSaysItIsGoneFromItsTagsAlone() {
        String gone = world.provision(Map.of("DomainName", "www.example.com"), OWNER);
        world.deleteCertificate(gone);
        world.proxy().resetCounts();
        ObjectNode event = GuardianUnderTest.event("acm-renewal-action-required.json");
        event.putArray("resources").add(gone);

        JsonNode answer = world.invoke(event);

        assertThat(answer.path("NotFound")).as("%s", answer).singleElement()
            .satisfies(arn -> assertThat(arn.asText()).isEqualTo(gone));
        assertThat(answer.path("Certificates").asInt()).isZero();
        assertThat(answer.path("OtherCertificatesSkipped").asInt()).as("not counted as someone else's").isZero();
        assertThat(world.proxy().calls("ListTagsForCertificate")).as("ACM's not-found for its tags").isEqualTo(1);
        assertThat(world.proxy().calls("DescribeCertificate")).as("no second question about it").isZero();
    }

    @Test
    void certificatesMadeElsewhereAreLeftAlone() {
        String foreign = world.requestedElsewhere("foreign.example.com");
        String reusedArn = world.requestedElsewhere("shared.example.com");
        String reused = world.provision(Map.of("DomainName", "shared.example.com", "ReuseExistingCertificate", "true"), OWNER);
        assertThat(reused).as("the resource reused the certificate made elsewhere").isEqualTo(reusedArn);
        Map<String, String> foreignTags = world.tags(foreign);
        Map<String, String> reusedTags = world.tags(reused);
        try (Route53Fixtures dns = world.ownDns()) {
            for (String record : world.validationRecords(reused).keySet()) {
                if (cnames(dns, zone.id()).containsKey(record)) {
                    world.deleteRecord(dns, zone.id(), record);
                }
            }
        }
        world.proxy().resetCounts();

        JsonNode answer = world.invoke(SCHEDULE);

        try (Route53Fixtures dns = world.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("no record written for either")
                .doesNotContainKeys(world.validationRecords(foreign).keySet().toArray(String[]::new))
                .doesNotContainKeys(world.validationRecords(reused).keySet().toArray(String[]::new));
        }
        assertThat(world.tags(foreign)).as("the foreign certificate's tags").isEqualTo(foreignTags);
        assertThat(world.tags(reused)).as("the reused certificate's tags").isEqualTo(reusedTags);
        assertThat(world.proxy().calls()).as("the run's calls")
            .doesNotContainKeys("ChangeResourceRecordSets", "AddTagsToCertificate", "RemoveTagsFromCertificate",
                "DeleteCertificate");
        assertThat(answer.path("OtherCertificatesSkipped").asInt()).as("%s", answer).isEqualTo(1);
        assertThat(world.lineAbout(reused).path("Origin").asText()).isEqualTo("made elsewhere");
        assertThat(world.logLines()).as("nothing said of the foreign one")
            .noneMatch(line -> foreign.equals(line.path("certificateArn").asText()));
    }

    @Test
    void aRegionThatCannotBeAskedFailsTheInvocationAfterTheOtherRegionsWereChecked() {
        String arn = world.provision(Map.of("DomainName", "www.example.com"), OWNER);
        String record = world.validationRecords(arn).keySet().iterator().next();
        try (Route53Fixtures dns = world.ownDns()) {
            world.deleteRecord(dns, zone.id(), record);
        }
        world.proxy().every("ListCertificates").when(request -> "us-east-1".equals(GuardianUnderTest.signingRegion(request)))
            .serverError(500);

        assertThatThrownBy(() -> world.invoke(SCHEDULE))
            .as("a failed invocation: what the alarm on the function's errors watches")
            .hasMessageContaining("could not be checked").hasMessageContaining("us-east-1");

        try (Route53Fixtures dns = world.ownDns()) {
            assertThat(cnames(dns, zone.id())).as("eu-west-1's certificate was still looked after").containsKey(record);
        }
        assertThat(world.logLines()).anyMatch(line -> line.path("message").asText().startsWith("regions not checked")
            && line.path("message").asText().contains("us-east-1"));
    }

    @Test
    void aCertificateWhoseRenewalCannotBeValidatedRaisesTheAlarmsMetricWithWhatToDo() {
        String arn = world.provision(Map.of("DomainName", "www.example.com"), OWNER);
        Instant now = Instant.now();
        world.conformance().acm().renewal(arn, new AcmConformance.Renewal("ELIGIBLE", Optional.of("PENDING_VALIDATION"),
            Optional.empty(), Set.of("www.example.com"), now, Optional.of(now.minus(java.time.Duration.ofDays(170))),
            Optional.of(now.plus(java.time.Duration.ofDays(28)))));
        world.conformance().acm().attach(arn, List.of("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1"));

        JsonNode answer = world.invoke(SCHEDULE);

        assertThat(answer.path("AtRisk").asInt()).as("%s", answer).isEqualTo(1);
        assertThat(world.metric(GuardianLog.AT_RISK)).isEqualTo(1);
        assertThat(world.metric(GuardianLog.NEAREST_EXPIRY)).isEqualTo(27);
        JsonNode line = world.lineAbout(arn);
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("AtRisk").asBoolean()).isTrue();
        assertThat(line.path("LifetimeDays").asInt()).isEqualTo(198);
        assertThat(line.path("Findings").get(0).path("Text").asText())
            .startsWith("ACM cannot validate the renewal of [www.example.com]");
    }
}
