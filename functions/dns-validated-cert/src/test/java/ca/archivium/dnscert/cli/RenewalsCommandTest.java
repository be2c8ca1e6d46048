package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.testing.AwsTestEnvironment.AppliedSystemProperties;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cli.CommandLineUnderTest.Run;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.KnotServer;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.testing.conformance.AcmConformance;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * {@code renewals}: the guardian's survey from a laptop, against moto through the conformance layer, with Knot DNS as
 * public DNS where a test asks for it. A record deleted behind the product's back is reported, then written back by
 * {@code --fix}; an unused certificate near expiry, a renewal ACM failed and a zone delegated elsewhere are each at
 * risk with what to do; the exit code says whether any certificate is at risk.
 */
@IntegrationTest
class RenewalsCommandTest {
    @RegisterExtension
    static final Emulators EMULATORS = Emulators.moto(0).withKnot();

    private static final String REGION = "eu-west-1";
    private static final String ELSEWHERE_NS = "@ NS ns1.other-dns.net.\n@ NS ns2.other-dns.net.\n";

    private final KnotServer knot = EMULATORS.knotServer();
    private CommandLineUnderTest cli;
    private AppliedSystemProperties publicDns;

    @BeforeEach
    void start() {
        cli = CommandLineUnderTest.start(EMULATORS);
        // Each test points public DNS where it needs it; closing puts back what was there.
        publicDns = AppliedSystemProperties.apply(
            Map.of(PublicDns.RESOLVER_PROPERTY, System.getProperty(PublicDns.RESOLVER_PROPERTY, "off")));
    }

    @AfterEach
    void stop() {
        publicDns.close();
    }

    @Test
    void aRecordDeletedBehindTheProductsBackIsReportedThenWrittenBackByFix() {
        String arn = issued("www.example.com");
        String record = cnames().keySet().iterator().next();
        try (Route53Fixtures dns = cli.route53()) {
            dns.deleteRecord(cli.zone().id(), record, RRType.CNAME);
        }

        Run report = cli.run("renewals", "--region", REGION);

        assertThat(report.exitCode()).as("a certificate is at risk: %s", report).isEqualTo(1);
        assertThat(report.out()).containsPattern("(?m)^" + id(arn) + " +www\\.example\\.com +eu-west-1 .* 1 missing +not checked"
            + " +restore records \\(--fix\\)$");
        assertThat(report.out()).contains("at risk: validation record " + record + " (for www.example.com) is missing from"
            + " hosted zone " + cli.zone().id() + " (example.com)");
        assertThat(cnames()).as("nothing is written without --fix").doesNotContainKey(record);

        Run fix = cli.run("renewals", "--region", REGION, "--fix");

        assertThat(fix.exitCode()).as("%s", fix).isZero();
        assertThat(fix.out()).contains("1 restored", "1 validation record written again");
        assertThat(cnames()).as("the record is back").containsKey(record);

        Run again = cli.run("renewals", "--region", REGION, "--json");
        JsonNode json = again.json();
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(json.path("AtRisk").asInt()).isZero();
        assertThat(json.path("CertificateReports").get(0).path("Records").get(0).path("State").asText()).isEqualTo("PRESENT");
    }

    @Test
    void anUnusedCertificateNearExpiryIsAtRiskAndSaysToAttachIt() {
        String arn = issued("www.example.com");
        Instant now = cli.now();
        cli.conformance().acm().renewal(arn, new AcmConformance.Renewal("INELIGIBLE", Optional.empty(), Optional.empty(),
            Set.of(), now, Optional.of(now.minus(Duration.ofDays(180))), Optional.of(now.plus(Duration.ofDays(18)))));

        Run run = cli.run("renewals", "--region", REGION);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^" + id(arn) + " .* 18 d +no +not started +1 present +not checked"
            + " +attach it, or remove it$");
        assertThat(run.out()).contains("at risk: not in use: ACM renews a certificate only while an AWS service");
    }

    @Test
    void aRenewalAcmFailedIsAtRiskWithAcmsReason() {
        String arn = issued("www.example.com");
        Instant now = cli.now();
        cli.conformance().acm().attach(arn, List.of("arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"));
        cli.conformance().acm().renewal(arn, new AcmConformance.Renewal("ELIGIBLE", Optional.of("FAILED"),
            Optional.of("CAA_ERROR"), Set.of("www.example.com"), now, Optional.of(now.minus(Duration.ofDays(190))),
            Optional.of(now.plus(Duration.ofDays(8)))));

        Run run = cli.run("renewals", "--region", REGION, "--json");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        JsonNode certificate = run.json().path("CertificateReports").get(0);
        assertThat(certificate.path("RenewalStatus").asText()).isEqualTo("FAILED");
        assertThat(certificate.path("InUse").asBoolean()).isTrue();
        assertThat(certificate.path("Findings").get(0).path("Text").asText())
            .startsWith("ACM's renewal failed (CAA_ERROR: a CAA record forbids Amazon");
        assertThat(certificate.path("Findings").get(0).path("Action").asText()).isEqualTo("fix the cause, then check ACM");
    }

    @Test
    void aZoneDelegatedElsewhereIsAtRiskWithBothNameServerSets() {
        String arn = issued("www.example.com");
        knot.serve(KnotServer.zones("example.com", ELSEWHERE_NS));
        System.setProperty(PublicDns.RESOLVER_PROPERTY, knot.address());

        Run run = cli.run("renewals", "--region", REGION);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^" + id(arn) + " .* 1 present +delegation wrong +fix the delegation$");
        assertThat(run.out()).contains("public DNS sends example.com to [ns1.other-dns.net, ns2.other-dns.net]",
            "ns-2048.awsdns-64.com", "set the NS records of example.com at its parent");
    }

    @Test
    void aHealthyCertificateInTheDelegatedZoneExitsZero() {
        String arn = issued("www.example.com");
        StringBuilder zone = new StringBuilder("@ NS ns-2048.awsdns-64.com.\n");
        cnames().forEach((name, value) -> zone.append(name).append(". CNAME ").append(value).append(".\n"));
        knot.serve(KnotServer.zones("example.com", zone.toString()));
        System.setProperty(PublicDns.RESOLVER_PROPERTY, knot.address());
        cli.conformance().acm().attach(arn, List.of("arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"));

        Run run = cli.run("renewals", "--region", REGION);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).containsPattern("(?m)^" + id(arn) + " .* yes +not started +1 present +visible +nothing$");
    }

    /** A certificate provisioned with the command line, then issued (ACM's delays passed). */
    private String issued(String domain) {
        System.setProperty(PublicDns.RESOLVER_PROPERTY, "off");
        Run run = cli.run("provision", "--domain", domain, "--no-wait");
        assertThat(run.exitCode()).as("provision: %s", run).isZero();
        cli.conformance().passAcmDelays();
        try (AcmClient acm = cli.acm()) {
            String arn = run.json().path("Arn").asText();
            assertThat(acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString())
                .as("the certificate once ACM's delays passed").isEqualTo("ISSUED");
            return arn;
        }
    }

    /** The zone's CNAMEs, name → value, without the final dots. */
    private Map<String, String> cnames() {
        try (Route53Fixtures dns = cli.route53()) {
            return dns.cnames(cli.zone().id());
        }
    }

    private static String id(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
