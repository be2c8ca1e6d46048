package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.testing.Route53Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cli.CommandLineUnderTest.Run;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateExport;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.RRType;

/** {@code status} and {@code delete} against moto. */
@IntegrationTest
class StatusAndDeleteCommandTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final String ARN_ELSEWHERE_IN_THE_ACCOUNT =
        "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";

    private final CommandLineUnderTest cli = CommandLineUnderTest.start(ISSUED_AT_ONCE);

    @Test
    void statusShowsEachNameWithItsValidationRecordAndHostedZone() {
        String arn = provision("example.com", "www.example.com");

        Run run = CommandLineUnderTest.runForReal("status", arn);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).contains("Certificate  " + arn).contains("Region       eu-west-1")
            .contains("Status       ISSUED").contains("NAME").contains("HOSTED ZONE");
        wantedRecords(arn).forEach((name, record) -> assertThat(run.out()).as("the line of %s", name)
            .containsPattern("(?m)^" + name.replace(".", "\\.") + " +SUCCESS +" + record.replace(".", "\\.")
                + " CNAME \\S+ +" + cli.zone().id() + " \\(example\\.com\\)$"));
    }

    @Test
    void statusAsJsonGivesTheSameFacts() {
        String arn = provision("example.com", "www.example.com");

        Run run = cli.run("status", arn, "--json");

        assertThat(run.exitCode()).as("%s", run).isZero();
        JsonNode status = run.json();
        assertThat(status.path("Arn").asText()).isEqualTo(arn);
        assertThat(status.path("Region").asText()).isEqualTo("eu-west-1");
        assertThat(status.path("Status").asText()).isEqualTo("ISSUED");
        Map<String, String> records = new TreeMap<>();
        for (JsonNode name : status.path("Names")) {
            assertThat(name.path("ValidationStatus").asText()).isEqualTo("SUCCESS");
            assertThat(name.path("HostedZoneId").asText()).as("zone of %s", name).isEqualTo(cli.zone().id());
            assertThat(name.path("HostedZoneName").asText()).isEqualTo("example.com");
            records.put(name.path("DomainName").asText(), name.path("RecordName").asText());
        }
        assertThat(records).isEqualTo(wantedRecords(arn));
        assertThat(status.path("HostedZoneProblems")).isEmpty();
    }

    @Test
    void statusShowsTheZoneAsUnknownWhenNoHostedZoneCoversAName() {
        String arn = requestElsewhere("www.other.org");

        Run table = cli.run("status", arn);
        Run json = cli.run("status", arn, "--json");

        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.out()).containsPattern("(?m)^www\\.other\\.org +\\S+ +.* unknown$")
            .contains("hosted zone unknown: www.other.org: no public hosted zone found");
        assertThat(json.json().path("Names").get(0).path("HostedZoneId").isNull()).as("%s", json).isTrue();
        assertThat(json.json().path("HostedZoneProblems")).hasSize(1);
    }

    @Test
    void statusOfACertificateThatDoesNotExistFails() {
        Run run = cli.run("status", ARN_ELSEWHERE_IN_THE_ACCOUNT);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("there is no certificate " + ARN_ELSEWHERE_IN_THE_ACCOUNT + " in eu-west-1");
    }

    @Test
    void deleteOfACertificateTheProductMadeDeletesItAndWithCleanupItsRecords() {
        String arn = provision("example.com", "www.example.com");
        Map<String, String> records = wantedRecords(arn);
        assertThat(cnameNames()).as("records written by provision").containsAll(records.values());

        Run run = CommandLineUnderTest.runForReal("delete", arn, "--cleanup-records");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("deleted " + arn).contains(cli.zone().id());
        assertThat(cli.certificateArns()).as("the certificate is gone").isEmpty();
        assertThat(cnameNames()).as("no other certificate needed its records").doesNotContainAnyElementsOf(records.values());
    }

    @Test
    void deleteWithoutCleanupLeavesTheRecords() {
        String arn = provision("www.example.com");
        Map<String, String> records = wantedRecords(arn);

        Run run = cli.run("delete", arn);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(cli.certificateArns()).isEmpty();
        assertThat(cnameNames()).containsAll(records.values());
    }

    @Test
    void deleteOfACertificateMadeElsewhereLeavesItInPlace() {
        String arn = requestElsewhere("www.example.com");

        Run run = cli.run("delete", arn);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("left in place: the certificate was not requested by this resource type");
        assertThat(cli.certificateArns()).containsExactly(arn);
    }

    @Test
    void deleteForOneOwnerLeavesACertificateAnotherOwnerStillHolds() {
        String arn = provision("www.example.com");
        Run second = cli.run("provision", "--domain", "www.example.com", "--owner", "web-stack/Certificate", "--no-wait");
        assertThat(second.json().path("Arn").asText()).as("the second owner reuses it").isEqualTo(arn);

        Run first = cli.run("delete", arn);
        Run last = cli.run("delete", arn, "--owner", "web-stack/Certificate");

        assertThat(first.out()).as("%s", first).startsWith("left in place: the certificate is still used by [web-stack/Certificate]");
        assertThat(last.out()).as("%s", last).startsWith("deleted " + arn);
        assertThat(cli.certificateArns()).isEmpty();
    }

    @Test
    void deleteOfACertificateStillInUseFailsNamingTheUser() {
        String arn = provision("www.example.com");
        String loadBalancer = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
        cli.conformance().acm().attach(arn, List.of(loadBalancer));

        Run run = cli.run("delete", arn);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains(arn + " was not deleted").contains(loadBalancer);
        assertThat(cli.certificateArns()).containsExactly(arn);
    }

    @Test
    void deleteOfACertificateThatIsGoneSucceeds() {
        Run run = cli.run("delete", ARN_ELSEWHERE_IN_THE_ACCOUNT);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("nothing to delete: the certificate no longer exists");
    }

    /** Provisions without waiting (moto issues on the next look) and returns the ARN. */
    private String provision(String domain, String... alternatives) {
        List<String> args = new java.util.ArrayList<>(List.of("provision", "--domain", domain, "--no-wait"));
        for (String name : alternatives) {
            args.add("--san");
            args.add(name);
        }
        Run run = cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("provision: %s", run).isZero();
        return run.json().path("Arn").asText();
    }

    /** A certificate requested with ACM directly, as another tool did some time ago (ACM's delays have passed). */
    private String requestElsewhere(String domain) {
        try (AcmClient acm = cli.acm()) {
            String arn = acm.requestCertificate(b -> b.domainName(domain).validationMethod(ValidationMethod.DNS)
                .options(o -> o.export(CertificateExport.DISABLED))).certificateArn();
            cli.conformance().passAcmDelays();
            return arn;
        }
    }

    /** Name → the CNAME record name ACM asks for, lower case, without the final dot. */
    private Map<String, String> wantedRecords(String arn) {
        Map<String, String> wanted = new TreeMap<>();
        try (AcmClient acm = cli.acm()) {
            for (DomainValidation v : acm.describeCertificate(b -> b.certificateArn(arn)).certificate().domainValidationOptions()) {
                wanted.put(v.domainName(), Route53Fixtures.bare(v.resourceRecord().name()));
            }
        }
        return wanted;
    }

    private List<String> cnameNames() {
        try (var route53 = cli.route53()) {
            return route53.records(cli.zone().id()).stream().filter(set -> set.type() == RRType.CNAME)
                .map(set -> Route53Fixtures.bare(set.name())).toList();
        }
    }
}
