package ca.archivium.dnscert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.cli.CommandLineUnderTest.Run;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command line that cannot be used exits 2 with the problem and the usage, before any AWS call (none of these
 * runs has an emulator behind it).
 */
class BadArgumentsTest {
    private static final String ARN = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-0000-4000-8000-000000000000";

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
            Arguments.of(new String[] {"frobnicate"}, "unknown command 'frobnicate'"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--colour", "blue"}, "unknown option --colour"),
            Arguments.of(new String[] {"provision", "--domain"}, "--domain needs a value"),
            Arguments.of(new String[] {"provision", "--domain", "a.example.com", "--domain", "b.example.com"},
                "--domain is given more than once"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--no-wait=yes"}, "--no-wait takes no value"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "www.example.com"},
                "unexpected argument 'www.example.com'"),
            Arguments.of(new String[] {"provision"}, "--domain: is required"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--zone", "example.com"},
                "--zone 'example.com' is not NAME=ZONE_ID"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--zone", "example.com="},
                "--zone 'example.com=' is not NAME=ZONE_ID"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--tag", "team"}, "--tag 'team' is not KEY=VALUE"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--tag", "=web"}, "--tag '=web' is not KEY=VALUE"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--timeout", "soon"},
                "--timeout 'soon' is not a whole number of 1 or more"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--timeout", "0"},
                "--timeout '0' is not a whole number of 1 or more"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--zone", "www.example.com=Z123"},
                "--zone[0] NAME: 'www.example.com' is not one of the certificate's names [example.com]"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--zone", "example.com=not-a-zone"},
                "--zone[0] ZONE_ID: 'not-a-zone' is not a Route 53 hosted zone id"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--tag", "a=1", "--tag", "aws:x=2"},
                "--tag[1] KEY: 'aws:x' starts with 'aws:'"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--external-id", "abc"},
                "--external-id: is set but --hosted-zone-role-arn is not"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--key-algorithm", "RSA_1024"},
                "--key-algorithm: 'RSA_1024' is not one of RSA_2048, EC_prime256v1, EC_secp384r1"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--region", "Europe"},
                "--region: 'Europe' is not an AWS region name"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--owner", "web-stack#Certificate"},
                "--owner: 'web-stack#Certificate' has the character '#', which ACM does not allow in tags"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--tag", "team=a;b"},
                "--tag[0] VALUE: 'a;b' has the character ';'"),
            Arguments.of(new String[] {"provision", "--domain", "example.com", "--region", "cn-north-1",
                "--hosted-zone-role-arn", "arn:aws:iam::111111111111:role/dns"},
                "--hosted-zone-role-arn: 'arn:aws:iam::111111111111:role/dns' is in the partition aws"),
            Arguments.of(new String[] {"status"}, "the certificate ARN is missing"),
            Arguments.of(new String[] {"status", "not-an-arn"}, "'not-an-arn' is not an ACM certificate ARN"),
            Arguments.of(new String[] {"status", ARN, ARN}, "unexpected argument '" + ARN + "' after the certificate ARN"),
            Arguments.of(new String[] {"status", ARN, "--region"}, "--region needs a value"),
            Arguments.of(new String[] {"status", ARN, "--region", "eu-west-1"},
                "--region 'eu-west-1' is not the certificate's region: its ARN names us-east-1"),
            Arguments.of(new String[] {"delete", ARN, "--region", "eu-west-1", "--cleanup-records"},
                "--region 'eu-west-1' is not the certificate's region: its ARN names us-east-1"),
            Arguments.of(new String[] {"delete"}, "the certificate ARN is missing"),
            Arguments.of(new String[] {"delete", ARN, "--cleanup"}, "unknown option --cleanup"),
            Arguments.of(new String[] {"delete", ARN, "--owner", "web-stack#Certificate"},
                "--owner: 'web-stack#Certificate' has the character '#'"),
            Arguments.of(new String[] {"invoke"}, "the event file is missing"),
            Arguments.of(new String[] {"invoke", "no/such/event.json"}, "no such event file: no/such/event.json"),
            Arguments.of(new String[] {"renewals", "--region", "nowhere"},
                "--region 'nowhere' is not a region name (such as us-east-1)"),
            Arguments.of(new String[] {"renewals", "us-east-1"}, "unexpected argument 'us-east-1'"),
            Arguments.of(new String[] {"renewals", "--fix=yes"}, "--fix takes no value"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCommandLines")
    void aCommandLineThatCannotBeUsedExitsTwoWithTheProblemAndTheUsage(String[] args, String problem) {
        Run run = CommandLineUnderTest.runForReal(args);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(Main.USAGE);
        assertThat(run.err()).as("the problem, then the usage").startsWith("error: " + problem).contains("usage:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void noArgumentsAtAllPrintTheUsageAndExitTwo() {
        Run run = CommandLineUnderTest.runForReal();

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).startsWith("usage: dns-validated-cert <command>")
            .contains("provision --domain NAME").contains("status ARN").contains("delete ARN").contains("invoke EVENT.json")
            .contains("renewals [--region REGION]... [--fix] [--json]");
    }

    @Test
    void helpGoesToStdoutAndExitsZero() {
        Run all = CommandLineUnderTest.runForReal("--help");
        Run one = CommandLineUnderTest.runForReal("provision", "--help");

        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("reused unless --no-reuse").contains("delete with the same --owner");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).startsWith("usage:\nprovision --domain NAME").doesNotContain("status ARN");
    }
}
