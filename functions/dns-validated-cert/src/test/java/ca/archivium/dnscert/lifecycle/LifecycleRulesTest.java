package ca.archivium.dnscert.lifecycle;

import static ca.archivium.dnscert.lifecycle.CustomResourceEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.acm.AcmStatus;
import ca.archivium.dnscert.api.CertificateArn;
import ca.archivium.dnscert.api.CertificateFailureException;
import ca.archivium.dnscert.api.HeldCertificate;
import ca.archivium.dnscert.api.Plan;
import ca.archivium.dnscert.api.Provisioned;
import ca.archivium.dnscert.api.RecordWrite;
import ca.archivium.dnscert.api.Release;
import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.CfnResponse;
import ca.archivium.dnscert.config.PropertyParser;
import ca.archivium.dnscert.dns.DnsRole;
import ca.archivium.dnscert.dns.ZoneResolutionException;
import ca.archivium.dnscert.dns.ZoneTarget;
import ca.archivium.dnscert.failure.AwsCallException;
import ca.archivium.dnscert.log.JsonLog;
import ca.archivium.dnscert.waitloop.Phase;
import ca.archivium.dnscert.waitloop.StepState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/rules.md as the resource handlers keep them, each test named after its rule, over an engine that
 * answers what the test scripts: the handlers' decisions without AWS (the engine's own side is tested on moto).
 */
class LifecycleRulesTest {
    private static final String ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0f6a4b2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String HELD = "arn:aws:acm:eu-west-1:123456789012:certificate/7d2c9e41-5b6a-4c3d-9e8f-1a2b3c4d5e6f";
    private static final String OWNER = "arn:aws:cloudformation:eu-west-1:123456789012:stack/web/1/Cert";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Plan ZONED = new Plan("eu-west-1",
        Map.of("www.example.com", new ZoneTarget("Z1", "example.com", DnsRole.OWN_CREDENTIALS)));

    private final ScriptedEngine engine = new ScriptedEngine();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8),
        Clock.fixed(NOW, ZoneOffset.UTC));
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final CreateHandler create = new CreateHandler(engine, clock, new SplittableRandom(1), log);
    private final UpdateHandler update = new UpdateHandler(engine, create, log);
    private final DeleteHandler delete = new DeleteHandler(engine, clock, new SplittableRandom(1), log);

    @Test
    void rule1_badInputFailsAtOnceNamingThePropertyAndTheProblemAndNothingIsAskedOfAws() {
        Answer answer = create.handle(request("Create", Map.of("DomainName", "www.example.com",
            "KeyAlgorithm", "RSA_1024")), NOW.toEpochMilli());

        CfnResponse response = now(answer);
        assertThat(response.status()).isEqualTo(CfnResponse.Status.FAILED);
        assertThat(response.reason()).contains("KeyAlgorithm").contains("RSA_1024").endsWith("Nothing was created.");
        assertThat(engine.asked).isEmpty();
    }

    @Test
    void rule1_aRegionOrRoleOfAnotherPartitionFailsAtOnceNamingItAndNothingIsAskedOfAws() {
        CfnResponse region = now(create.handle(request("Create", Map.of("DomainName", "www.example.com",
            "Region", "cn-north-1")), NOW.toEpochMilli()));
        CfnResponse role = now(update.handle(updateRequest(Map.of("DomainName", "www.example.com",
            "HostedZoneRoleArn", "arn:aws-us-gov:iam::111111111111:role/dns"), Map.of("DomainName", "www.example.com")),
            NOW.toEpochMilli()));

        assertThat(region.reason()).startsWith("Region: 'cn-north-1' is in the partition aws-cn")
            .endsWith("Nothing was created.");
        assertThat(role.status()).isEqualTo(CfnResponse.Status.FAILED);
        assertThat(role.reason()).startsWith("HostedZoneRoleArn: ").endsWith("Nothing was changed.");
        assertThat(engine.asked).isEmpty();
    }

    @Test
    void rule2_hostedZonesAreResolvedBeforeTheCertificateIsRequestedAndNoZoneRequestsNothing() {
        engine.plan = p -> {
            throw new ZoneResolutionException(List.of("www.example.com: no public hosted zone found"));
        };

        CfnResponse response = now(create.handle(request("Create", Map.of("DomainName", "www.example.com")),
            NOW.toEpochMilli()));

        assertThat(response.reason()).startsWith("No usable hosted zone: www.example.com: no public hosted zone found");
        assertThat(engine.asked).containsExactly("plan");
    }

    @Test
    void rule2_aPlannedCreateRequestsOnlyAfterPlanningAndPreflight() {
        engine.plan = p -> ZONED;
        engine.provision = plan -> new Provisioned(ARN, plan, false, RecordWrite.WRITTEN, AcmStatus.PENDING_VALIDATION);

        Answer answer = create.handle(request("Create", Map.of("DomainName", "www.example.com")), NOW.toEpochMilli());

        assertThat(answer).isInstanceOf(Answer.Later.class);
        assertThat(engine.asked).containsExactly("plan", "preflight", "provision");
    }

    @Test
    void rule3_executionNamesAreUniquePerDeliveryOfARequestEvenWhenCloudFormationReusesItsRequestId() {
        ObjectNode first = event("Create", Map.of("DomainName", "www.example.com"));
        ObjectNode retried = first.deepCopy().put("ResponseURL", first.get("ResponseURL").asText() + "?attempt=2");

        String name = ExecutionNames.of(CfnRequest.parse(first));

        assertThat(ExecutionNames.of(CfnRequest.parse(first))).as("the same delivery, retried by Lambda").isEqualTo(name);
        assertThat(ExecutionNames.of(CfnRequest.parse(retried))).as("a new delivery of the same RequestId")
            .isNotEqualTo(name);
        assertThat(name).startsWith("Cert-create-").matches("[A-Za-z0-9_-]{1,80}");
    }

    @Test
    void rule6_anUpdateTheHeldCertificateServesIsMadeInPlaceUnderTheSamePhysicalIdOtherwiseANewOneIsRequested() {
        engine.held = properties -> properties.nameSet().equals(Set.of("www.example.com")) ? Optional.of(held())
            : Optional.empty();
        engine.provision = plan -> new Provisioned(ARN, plan, false, RecordWrite.WRITTEN, AcmStatus.PENDING_VALIDATION);
        Answer renamed = update.handle(updateRequest(Map.of("DomainName", "api.example.com"),
            Map.of("DomainName", "www.example.com")), NOW.toEpochMilli());

        assertThat(renamed).isInstanceOf(Answer.Later.class);
        assertThat(((Answer.Later) renamed).state().certificateArn()).isEqualTo(ARN);
        assertThat(engine.asked).containsExactly("heldCertificate", "plan", "preflight", "provision");

        engine.asked.clear();
        CfnResponse inPlace = now(update.handle(updateRequest(Map.of("DomainName", "www.example.com",
            "CertificateTransparencyLoggingPreference", "DISABLED"), Map.of("DomainName", "www.example.com")),
            NOW.toEpochMilli()));

        assertThat(inPlace.status()).isEqualTo(CfnResponse.Status.SUCCESS);
        assertThat(inPlace.physicalResourceId()).isEqualTo(HELD);
        assertThat(engine.asked).containsExactly("heldCertificate", "plan", "updateInPlace");
    }

    @Test
    void rule6_namesKeyAlgorithmExportOrRegionNeedANewCertificateTagsTransparencyZonesAndRolesDoNot() {
        Map<String, Object> before = Map.of("DomainName", "www.example.com");

        assertThat(needsNew(before, Map.of("DomainName", "api.example.com"))).as("names").isTrue();
        assertThat(needsNew(before, Map.of("DomainName", "www.example.com", "KeyAlgorithm", "EC_prime256v1")))
            .as("key algorithm").isTrue();
        assertThat(needsNew(before, Map.of("DomainName", "www.example.com", "Region", "us-east-1"))).as("region")
            .isTrue();
        assertThat(needsNew(before, Map.of("DomainName", "www.example.com", "CertificateExport", "ENABLED")))
            .as("export: ACM fixes it when the certificate is requested").isTrue();
        assertThat(needsNew(before, Map.of("DomainName", "www.example.com", "CertificateExport", "DISABLED")))
            .as("DISABLED is the default").isFalse();
        assertThat(needsNew(before, Map.of("DomainName", "WWW.example.com.", "Region", "eu-west-1")))
            .as("the same names and the home region, spelled otherwise").isFalse();
        assertThat(needsNew(before, Map.of("DomainName", "www.example.com",
            "Tags", List.of(Map.of("Key", "team", "Value", "web")),
            "CertificateTransparencyLoggingPreference", "DISABLED",
            "HostedZoneRoleArn", "arn:aws:iam::222222222222:role/dns-validation",
            "DomainValidationOptions", List.of(Map.of("DomainName", "www.example.com", "HostedZoneId", "Z1")))))
            .as("tags, transparency, zones and roles").isFalse();
    }

    private boolean needsNew(Map<String, Object> before, Map<String, Object> after) {
        return PropertyParser.parse(before).needsNewCertificate(PropertyParser.parse(after), engine.homeRegion());
    }

    @Test
    void rule7_aPhysicalIdThatIsNoCertificateArnSucceedsOnceWhatTheResourceHoldsIsReleased() {
        engine.heldByOwner = Map.of(HELD, new Release(Release.Kind.DELETED, "the certificate was deleted", List.of()));

        CfnResponse response = now(delete.handle(deleteRequest("SiteCertificate-1A2B3C4D5E6F"), NOW.toEpochMilli()));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.SUCCESS);
        assertThat(response.physicalResourceId()).isEqualTo("SiteCertificate-1A2B3C4D5E6F");
        assertThat(engine.asked).as("a Create CloudFormation gave up on may have requested a certificate: the Delete"
            + " looks for what the resource holds, keeping none").containsExactly("releaseOthersHeldBy " + OWNER);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains(HELD).contains("\"release\":\"DELETED\"");
    }

    @Test
    void rule7_aPhysicalIdThatIsNoCertificateArnSucceedsEvenWhenTheLookForWhatTheResourceHoldsFails() {
        engine.heldByOwnerFails = true;

        CfnResponse response = now(delete.handle(deleteRequest("not-created:Cert:req-0"), NOW.toEpochMilli()));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.SUCCESS);
        assertThat(response.physicalResourceId()).isEqualTo("not-created:Cert:req-0");
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("could not look for a certificate");
    }

    @Test
    void rule7_aPhysicalIdThatIsNoCertificateArnWithPropertiesRefusedAtCreateAsksNothingOfAws() {
        ObjectNode event = event("Delete", Map.of("DomainName", "www.example.com", "KeyAlgorithm", "RSA_1024"));
        event.put("PhysicalResourceId", "not-created:Cert:req-0");

        CfnResponse response = now(delete.handle(CfnRequest.parse(event), NOW.toEpochMilli()));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.SUCCESS);
        assertThat(engine.asked).isEmpty();
    }

    @Test
    void rule7_aCertificateThatIsGoneIsASuccessfulDelete() {
        engine.release = () -> new Release(Release.Kind.ALREADY_GONE, "gone", List.of());

        CfnResponse response = now(delete.handle(deleteRequest(HELD), NOW.toEpochMilli()));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.SUCCESS);
        assertThat(response.physicalResourceId()).isEqualTo(HELD);
        assertThat(engine.asked).containsExactly("release " + HELD);
    }

    @Test
    void rule7_aCertificateStillInUseIsTriedAgainInTheWaitLoop() {
        engine.release = () -> new Release(Release.Kind.IN_USE, "in use",
            List.of("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1"));

        Answer answer = delete.handle(deleteRequest(HELD), NOW.toEpochMilli());

        assertThat(answer).isInstanceOf(Answer.Later.class);
        StepState state = ((Answer.Later) answer).state();
        assertThat(state.phase()).isEqualTo(Phase.RELEASE);
        assertThat(state.certificateArn()).isEqualTo(HELD);
        assertThat(state.waitSeconds()).isPositive();
        assertThat(engine.asked).containsExactly("release " + HELD);
    }

    @Test
    void rule8_aCreateThatFailsAfterItsCertificateWasRequestedAnswersWithItsArnSoTheRollbackDeletesIt() {
        engine.provision = plan -> {
            throw new CertificateFailureException(ARN, false, new AwsCallException("ChangeResourceRecordSets",
                "AccessDenied", "not authorized", false, null));
        };

        CfnResponse response = now(create.handle(request("Create", Map.of("DomainName", "www.example.com")),
            NOW.toEpochMilli()));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.FAILED);
        assertThat(response.physicalResourceId()).isEqualTo(ARN);
        assertThat(response.reason()).contains("ChangeResourceRecordSets failed: AccessDenied")
            .contains("CloudFormation's rollback will delete it");
    }

    @Test
    void rule8_anUpdateWhoseNewCertificateFailsAnswersWithTheOldIdAndReleasesTheNewOne() {
        engine.provision = plan -> {
            throw new CertificateFailureException(ARN, false, new AwsCallException("ChangeResourceRecordSets",
                "AccessDenied", "not authorized", false, null));
        };

        CfnResponse response = now(update.handle(updateRequest(Map.of("DomainName", "api.example.com"),
            Map.of("DomainName", "www.example.com")), NOW.toEpochMilli()));

        assertThat(response.status()).isEqualTo(CfnResponse.Status.FAILED);
        assertThat(response.physicalResourceId()).as("the resource CloudFormation knew").isEqualTo(HELD);
        assertThat(response.reason()).contains("ChangeResourceRecordSets failed: AccessDenied")
            .contains("The new certificate " + ARN + " was deleted again").doesNotContain("rollback");
        assertThat(engine.asked).endsWith("provision", "release " + ARN);
    }

    @Test
    void throttlingBeyondTheSdksRetriesBeforeAnythingExistsHandsOverToTheWaitLoop() {
        engine.provision = plan -> {
            throw new AwsCallException("RequestCertificate", "ThrottlingException", "Rate exceeded", true, null);
        };

        Answer answer = create.handle(request("Create", Map.of("DomainName", "www.example.com")), NOW.toEpochMilli());

        assertThat(answer).isInstanceOf(Answer.Later.class);
        assertThat(((Answer.Later) answer).state().phase()).isEqualTo(Phase.PROVISION);
        assertThat(((Answer.Later) answer).state().certificateArn()).isNull();
    }

    private static CfnResponse now(Answer answer) {
        assertThat(answer).isInstanceOf(Answer.Now.class);
        return ((Answer.Now) answer).response();
    }

    private static HeldCertificate held() {
        return new HeldCertificate(CertificateArn.of(HELD), AcmStatus.ISSUED);
    }

    private static CfnRequest request(String type, Map<String, String> properties) {
        return CfnRequest.parse(event(type, properties));
    }

    private static CfnRequest updateRequest(Map<String, String> properties, Map<String, String> before) {
        ObjectNode event = event("Update", properties);
        event.put("PhysicalResourceId", HELD);
        ObjectNode old = event.putObject("OldResourceProperties");
        before.forEach(old::put);
        return CfnRequest.parse(event);
    }

    private static CfnRequest deleteRequest(String physicalId) {
        ObjectNode event = event("Delete", Map.of("DomainName", "www.example.com"));
        event.put("PhysicalResourceId", physicalId);
        return CfnRequest.parse(event);
    }
}
