package ca.archivium.dnscert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.KnotServer;
import ca.archivium.dnscert.testing.SilentDnsServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The DNS checks from the CloudFormation event to the answer, against moto and a real DNS server (Knot) that plays
 * public DNS: a zone delegated elsewhere or CAA that forbids Amazon fails before anything is created; a delegation
 * that breaks or a record public DNS does not return fails after ValidationProblemTimeout, with the certificate's ARN
 * so the rollback removes it; a healthy zone is never failed, also when the resolver is down or never answers.
 */
@IntegrationTest
class DnsDiagnosisLifecycleTest {
    /** What moto 5.2.1's GetHostedZone gives every zone as its delegation set. */
    private static final String MOTO_NS = """
        @ NS ns-2048.awsdns-64.com.
        @ NS ns-2049.awsdns-65.net.
        @ NS ns-2050.awsdns-66.org.
        @ NS ns-2051.awsdns-67.co.uk.
        """;
    private static final String ELSEWHERE_NS = """
        @ NS ns1.other-dns.net.
        @ NS ns2.other-dns.net.
        """;
    private static final long PROBLEM_TIMEOUT_MS = 300_000;

    @RegisterExtension
    static final Emulators EMULATORS = Emulators.moto(0).withKnot();

    private final KnotServer knot = EMULATORS.knotServer();
    private CloudFormationSimulator cfn;

    @AfterEach
    void close() {
        if (cfn != null) {
            cfn.close();
        }
    }

    private CloudFormationSimulator world(String resolver) {
        cfn = CloudFormationSimulator.start(EMULATORS, PublicDns.of(resolver));
        return cfn;
    }

    @Test
    void aZoneDelegatedToOtherNameServersFailsBeforeAnythingIsCreated() {
        knot.serve(KnotServer.zones("example.com", ELSEWHERE_NS));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");

        assertThat(cfn.deliver(event)).as("answered at once, no wait loop").isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).as("nothing for the rollback to delete").startsWith("not-created");
        assertThat(cfn.certificateArns()).as("no certificate requested").isEmpty();
        assertThat(cfn.proxy().calls("RequestCertificate")).isZero();
        assertThat(answer.reason()).as("names the property, the zone, both NS sets and the fix")
            .contains("DnsPreflight", cfn.zone().id(), "example.com", "ns1.other-dns.net", "ns-2048.awsdns-64.com",
                "set the NS records of example.com at its parent", "Nothing was created");
        assertThat(cfn.proxy().calls("GetHostedZone")).as("one GetHostedZone per zone").isEqualTo(1);
    }

    @Test
    void caaThatAllowsNoAmazonIssuerFailsBeforeAnythingIsCreated() {
        knot.serve(KnotServer.zones("example.com", MOTO_NS + "@ CAA 0 issue \"letsencrypt.org\"\n"));
        world(knot.address());

        assertThat(cfn.deliver(cfn.event("create.json"))).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).startsWith("not-created");
        assertThat(cfn.certificateArns()).isEmpty();
        assertThat(answer.reason()).contains("DnsPreflight", "www.example.com", "CAA", "letsencrypt.org",
            "0 issue \"amazon.com\"");
    }

    @Test
    void aHealthyZoneIsNeverFailedWhileAcmTakesLongerThanValidationProblemTimeout() {
        knot.serve(KnotServer.zones("example.com", MOTO_NS + "@ CAA 0 issue \"amazon.com\"\n"));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        knot.serve(KnotServer.zones("example.com", MOTO_NS + "@ CAA 0 issue \"amazon.com\"\n" + mirroredCnames()));
        cfn.proxy().next(30, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        long start = cfn.clock().millis();

        cfn.runWaitLoopFor(event);

        assertThat(cfn.clock().millis() - start).as("pending for longer than ValidationProblemTimeout")
            .isGreaterThan(PROBLEM_TIMEOUT_MS);
        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.log()).contains("\"www.example.com\":\"record visible\"", "DNS pre-flight passed");
    }

    @Test
    void aDelegationThatBreaksWhileWaitingFailsAfterValidationProblemTimeoutAndTheRollbackLeavesNothing() {
        knot.serve(KnotServer.zones("example.com", MOTO_NS));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        knot.serve(KnotServer.zones("example.com", ELSEWHERE_NS + mirroredCnames()));
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        long start = cfn.clock().millis();

        List<JsonNode> steps = cfn.runWaitLoopFor(event);

        long took = cfn.clock().millis() - start;
        ResponseSink.Received answer = cfn.onlyResponse();
        String arn = cfn.certificateArns().get(0);
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).as("the rollback Delete must know the certificate").isEqualTo(arn);
        assertThat(took).as("failed once the problem lasted ValidationProblemTimeout, not at ServiceTimeout (1800 s)")
            .isBetween(PROBLEM_TIMEOUT_MS, PROBLEM_TIMEOUT_MS + 25_000);
        assertThat(answer.reason()).as("cause, name, zone id, what public DNS says, the fix")
            .contains("ValidationProblemTimeout", "www.example.com", cfn.zone().id(), "ns1.other-dns.net",
                "ns-2048.awsdns-64.com", "Fix: set the NS records of example.com");
        assertThat(steps).as("the step document carried when the problem was first seen")
            .anySatisfy(s -> assertThat(s.path("validationProblemSinceEpochMs").asLong()).isPositive());
        assertThat(cfn.log()).contains("delegation wrong (public NS [ns1.other-dns.net, ns2.other-dns.net] vs zone NS");

        assertThat(cfn.rollbackDelete(arn).status()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).as("nothing orphaned").isEmpty();
    }

    @Test
    void aValidationRecordPublicDnsDoesNotReturnFailsAfterValidationProblemTimeout() {
        knot.serve(KnotServer.zones("example.com", MOTO_NS));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        long start = cfn.clock().millis();

        cfn.runWaitLoopFor(event);

        ResponseSink.Received answer = cfn.onlyResponse();
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.physicalResourceId()).isEqualTo(cfn.certificateArns().get(0));
        assertThat(cfn.clock().millis() - start).isBetween(PROBLEM_TIMEOUT_MS, PROBLEM_TIMEOUT_MS + 25_000);
        String record = validationRecords().get(0).name().replaceAll("\\.$", "").toLowerCase();
        assertThat(answer.reason()).contains("ValidationProblemTimeout", "public DNS does not return the validation record",
            cfn.zone().id(), "Fix:");
        assertThat(answer.reason()).containsAnyOf(record, record.replaceFirst("\\.www\\.", "."));
    }

    @Test
    void aZoneThatPublicDnsDoesNotKnowIsNeverFailed() {
        // example.com does not exist in this "public DNS" (NXDOMAIN), as moto's zones do not in the real one.
        knot.serve(KnotServer.zones("com", "other NS ns1.other-dns.net.\n"));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.proxy().next(30, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));

        cfn.runWaitLoopFor(event);

        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.log()).contains("not conclusive");
    }

    @Test
    void aResolverNothingListensOnNeverFailsAHealthyCreate() throws Exception {
        healthyCreateWithAResolverThatDoesNotAnswer("127.0.0.1:" + KnotServer.freeUdpPort());
    }

    @Test
    void aResolverThatNeverAnswersNeverFailsAHealthyCreate() {
        try (SilentDnsServer silent = SilentDnsServer.start()) {
            long started = System.nanoTime();
            healthyCreateWithAResolverThatDoesNotAnswer(silent.address());
            assertThat((System.nanoTime() - started) / 1_000_000_000)
                .as("one look-up timeout per step, not one per question").isLessThan(60);
        }
    }

    private void healthyCreateWithAResolverThatDoesNotAnswer(String resolver) {
        world(resolver);
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("ValidationProblemTimeout", "60");
        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.proxy().next(8, "DescribeCertificate").reply(AcmReplies.stillValidating(cfn.moto()));
        long start = cfn.clock().millis();

        cfn.runWaitLoopFor(event);

        assertThat(cfn.clock().millis() - start).as("pending for longer than ValidationProblemTimeout").isGreaterThan(60_000);
        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.certificateArns()).hasSize(1);
    }

    @Test
    void withDnsPreflightWarnAProblemIsLoggedAndTheCertificateRequestedAnyway() {
        knot.serve(KnotServer.zones("example.com", ELSEWHERE_NS));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("DnsPreflight", "WARN");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.WAITING);
        cfn.runWaitLoopFor(event);

        assertThat(cfn.onlyResponse().status()).as("reason: %s", cfn.onlyResponse().reason()).isEqualTo("SUCCESS");
        assertThat(cfn.log()).contains("DNS pre-flight found problems", "ns1.other-dns.net");
    }

    @Test
    void withDnsPreflightOffNoLookUpAndNoGetHostedZoneIsMade() {
        knot.serve(KnotServer.zones("example.com", ELSEWHERE_NS));
        world(knot.address());
        ObjectNode event = cfn.event("create.json");
        ((ObjectNode) event.path("ResourceProperties")).put("DnsPreflight", "OFF");

        cfn.deliver(event);
        cfn.runWaitLoopFor(event);

        assertThat(cfn.onlyResponse().status()).isEqualTo("SUCCESS");
        assertThat(cfn.proxy().calls("GetHostedZone")).isZero();
    }

    /** The validation CNAMEs the resource wrote to moto's example.com, as zone file lines for Knot. */
    private String mirroredCnames() {
        return validationRecords().stream()
            .map(r -> r.name() + " CNAME " + r.resourceRecords().get(0).value()
                + (r.resourceRecords().get(0).value().endsWith(".") ? "" : "."))
            .collect(Collectors.joining("\n", "", "\n"));
    }

    private List<ResourceRecordSet> validationRecords() {
        try (var route53 = cfn.route53()) {
            return route53.records(cfn.zone().id()).stream().filter(r -> r.type() == RRType.CNAME).toList();
        }
    }
}
