package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.testing.Route53Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cli.CommandLineUnderTest.Run;
import ca.archivium.dnscert.lifecycle.AcmReplies;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@code provision} against moto: the result on stdout, the records in Route 53, the wait and its deadline, with the
 * resource's progress (its wait loop's phases) and its FAILED reasons, in option terms.
 */
@IntegrationTest
class ProvisionCommandTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private final CommandLineUnderTest cli = CommandLineUnderTest.start(ISSUED_AT_ONCE);

    @Test
    void provisionWithNoWaitPrintsOneJsonResultAndTheRecordsAreInRoute53() {
        Run run = CommandLineUnderTest.runForReal("provision", "--domain", "example.com", "--san", "www.example.com",
            "--tag", "team=web", "--no-wait");

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode result = run.json();
        assertThat(cli.certificateArns()).as("one certificate requested").containsExactly(result.path("Arn").asText());
        assertThat(result.path("DomainName").asText()).isEqualTo("example.com");
        assertThat(result.path("Region").asText()).as("the default region is the caller's").isEqualTo("eu-west-1");
        assertThat(result.path("Status").asText()).isEqualTo("PENDING_VALIDATION");
        assertThat(result.path("Reused").isBoolean()).as("Reused is a JSON boolean: %s", result).isTrue();
        assertThat(result.path("Reused").asBoolean()).isFalse();
        assertThat(result.path("HostedZoneIds")).extracting(JsonNode::asText).containsExactly(cli.zone().id());
        assertThat(cnames()).as("every record ACM asks for is in example.com")
            .containsAllEntriesOf(wantedRecords(result.path("Arn").asText()));
        try (AcmClient acm = cli.acm()) {
            assertThat(acm.listTagsForCertificate(b -> b.certificateArn(result.path("Arn").asText())).tags())
                .anyMatch(t -> t.key().equals("team") && t.value().equals("web"));
        }
    }

    @Test
    void provisionWaitsUntilIssuedAndShowsProgressOnStderr() {
        cli.conformance().acm().validationTakes(Duration.ofSeconds(7));

        Run run = cli.run("provision", "--domain", "www.example.com");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.json().path("Status").asText()).isEqualTo("ISSUED");
        assertThat(run.err()).as("progress while ACM validates: the wait loop's phase and its next look")
            .contains("requested " + run.json().path("Arn").asText() + " in eu-west-1")
            .contains("AWAIT_ISSUANCE: waiting for ACM to validate the names and issue the certificate; looking again in ");
        assertThat(cli.waits()).as("the command waited between looks").isNotEmpty();
    }

    @Test
    void aWaitThatReachesTheTimeoutFailsNamingThePendingNamesRecordsAndZones() {
        cli.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cli.moto()));

        Run run = cli.run("provision", "--domain", "www.example.com", "--san", "example.com", "--timeout", "30");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(Main.FAILED);
        assertThat(run.out()).as("no result on stdout when not issued").isEmpty();
        String arn = cli.certificateArns().get(0);
        Map<String, String> wanted = wantedRecords(arn);
        assertThat(run.err()).as("the resource's reason, in option terms, then what to do with the certificate")
            .contains("error: ACM had not validated the certificate after ")
            .contains(" s (--timeout). Still pending: ")
            .contains("in hosted zone " + cli.zone().id())
            .contains("NS records")
            .contains("Raise --timeout if validation is just slow.")
            .contains("Run provision again to keep waiting").contains("or delete " + arn);
        wanted.forEach((name, value) -> assertThat(run.err()).as("the pending record %s is named", name).contains(name));
        String pending = run.err().substring(run.err().indexOf("Still pending: ") + "Still pending: ".length());
        assertThat(pending.substring(0, pending.indexOf(". Check")).split("; "))
            .as("each pending name with its record").extracting(p -> p.substring(0, p.indexOf(" (CNAME ")))
            .containsExactlyInAnyOrder("www.example.com", "example.com");
        assertThat(cli.waits().stream().reduce(Duration.ZERO, Duration::plus))
            .as("never waits past --timeout").isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSecondProvisionReusesTheCertificateUnlessNoReuse() {
        String first = cli.run("provision", "--domain", "www.example.com", "--no-wait").json().path("Arn").asText();

        Run again = cli.run("provision", "--domain", "WWW.example.com.", "--no-wait");
        Run fresh = cli.run("provision", "--domain", "www.example.com", "--no-wait", "--no-reuse");

        assertThat(again.json().path("Arn").asText()).as("reuse is on by default on the command line").isEqualTo(first);
        assertThat(again.json().path("Reused").asBoolean()).isTrue();
        assertThat(fresh.json().path("Arn").asText()).as("--no-reuse requests another").isNotEqualTo(first);
        assertThat(cli.certificateArns()).hasSize(2);
    }

    @Test
    void badPropertiesAreReportedInOptionTermsAndCreateNothing() {
        Run run = cli.run("provision", "--domain", "example.com", "--san", "www.example.com", "--san", "WWW.example.com");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("error: --san[1]: 'WWW.example.com' repeats --san[0]").contains("usage:");
        assertThat(cli.certificateArns()).isEmpty();
    }

    @Test
    void aNameWithoutHostedZoneFailsBeforeAnythingIsCreated() {
        Run run = cli.run("provision", "--domain", "www.example.com", "--san", "www.other.org");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(Main.FAILED);
        assertThat(run.err()).as("the resource's reason")
            .contains("error: No usable hosted zone: www.other.org: ").contains("Nothing was created.");
        assertThat(cli.certificateArns()).isEmpty();
    }

    /** The CNAMEs ACM asks for: record name → value, lower case, without the final dot. */
    private Map<String, String> wantedRecords(String arn) {
        Map<String, String> wanted = new TreeMap<>();
        try (AcmClient acm = cli.acm()) {
            for (DomainValidation v : acm.describeCertificate(b -> b.certificateArn(arn)).certificate().domainValidationOptions()) {
                wanted.put(Route53Fixtures.bare(v.resourceRecord().name()), Route53Fixtures.bare(v.resourceRecord().value()));
            }
        }
        return wanted;
    }

    private Map<String, String> cnames() {
        Map<String, String> cnames = new TreeMap<>();
        try (var route53 = cli.route53()) {
            for (ResourceRecordSet set : route53.records(cli.zone().id())) {
                if (set.type() == RRType.CNAME) {
                    cnames.put(Route53Fixtures.bare(set.name()), Route53Fixtures.bare(set.resourceRecords().get(0).value()));
                }
            }
        }
        return cnames;
    }

}
