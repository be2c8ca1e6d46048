package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.testing.AwsTestEnvironment.AppliedSystemProperties;
import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cli.CommandLineUnderTest.Run;
import ca.archivium.dnscert.dns.PublicDns;
import ca.archivium.dnscert.lifecycle.AcmReplies;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.KnotServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command line's DNS checks, against a real DNS server (Knot) as public DNS: {@code provision} refuses a zone public
 * DNS does not use before requesting anything, and {@code status} of a pending certificate says, name by name, what
 * public DNS shows.
 */
@IntegrationTest
class DnsDiagnosisCommandTest {
    @RegisterExtension
    static final Emulators EMULATORS = Emulators.moto(0).withKnot();

    private final KnotServer knot = EMULATORS.knotServer();
    private CommandLineUnderTest cli;
    private AppliedSystemProperties publicDns;

    @BeforeEach
    void start() {
        cli = CommandLineUnderTest.start(EMULATORS);
        publicDns = AppliedSystemProperties.apply(Map.of(PublicDns.RESOLVER_PROPERTY, knot.address()));
    }

    @AfterEach
    void stop() {
        publicDns.close();
    }

    @Test
    void aPendingNameInAZoneDelegatedElsewhereShowsBothNameServerSets() {
        knot.serve(KnotServer.zones("example.com", "@ NS ns1.other-dns.net.\n"));
        String arn = pending("www.example.com");

        Run table = cli.run("status", arn);
        Run json = cli.run("status", arn, "--json");

        assertThat(table.exitCode()).as("%s", table).isZero();
        assertThat(table.out()).contains("PUBLIC DNS")
            .contains("delegation wrong (public NS [ns1.other-dns.net] vs zone NS [ns-2048.awsdns-64.com");
        JsonNode name = json.json().path("Names").get(0);
        assertThat(name.path("PublicDns").asText()).startsWith("delegation wrong (public NS [ns1.other-dns.net]");
    }

    @Test
    void aPendingNameWhoseRecordIsPublishedShowsRecordVisible() {
        String arn = pending("www.example.com");
        Map<String, String> records = new HashMap<>();
        try (var route53 = cli.route53()) {
            route53.records(cli.zone().id()).stream().filter(r -> r.type().toString().equals("CNAME"))
                .forEach(r -> records.put(r.name(), r.resourceRecords().get(0).value()));
        }
        StringBuilder zone = new StringBuilder("@ NS ns-2048.awsdns-64.com.\n");
        records.forEach((n, v) -> zone.append(n).append(" CNAME ").append(v).append(v.endsWith(".") ? "" : ".").append('\n'));
        knot.serve(KnotServer.zones("example.com", zone.toString()));

        Run table = cli.run("status", arn);

        assertThat(table.out()).as("%s", table).containsPattern("(?m)^www\\.example\\.com .*record visible$");
    }

    @Test
    void provisionInAZoneDelegatedElsewhereFailsBeforeRequestingAnything() {
        knot.serve(KnotServer.zones("example.com", "@ NS ns1.other-dns.net.\n"));

        Run run = cli.run("provision", "--domain", "www.example.com");

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).contains("DnsPreflight", cli.zone().id(), "ns1.other-dns.net", "Nothing was created");
        assertThat(cli.certificateArns()).isEmpty();
    }

    @Test
    void anIssuedCertificateShowsNoDnsColumn() {
        knot.serve(KnotServer.zones("example.com", "@ NS ns-2048.awsdns-64.com.\n"));
        Run provision = cli.run("provision", "--domain", "www.example.com", "--no-wait");
        String arn = provision.json().path("Arn").asText();

        assertThat(cli.run("status", arn).out()).doesNotContain("PUBLIC DNS");
    }

    /** A certificate whose name ACM keeps validating; provisioned with look-ups off, as a CI machine would. */
    private String pending(String domain) {
        System.setProperty(PublicDns.RESOLVER_PROPERTY, "off");
        Run run = cli.run("provision", "--domain", domain, "--no-wait");
        System.setProperty(PublicDns.RESOLVER_PROPERTY, knot.address());
        assertThat(run.exitCode()).as("provision: %s", run).isZero();
        cli.proxy().every("DescribeCertificate").reply(AcmReplies.stillValidating(cli.moto()));
        return run.json().path("Arn").asText();
    }
}
