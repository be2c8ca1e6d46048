package ca.archivium.dnscert.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ca.archivium.dnscert.lifecycle.CloudFormationSimulator;
import ca.archivium.dnscert.lifecycle.ResourceRequests.Handled;
import ca.archivium.dnscert.lifecycle.ResponseSink;
import ca.archivium.dnscert.testing.Emulators;
import ca.archivium.dnscert.testing.HostedZoneFixture;
import ca.archivium.dnscert.testing.IntegrationTest;
import ca.archivium.dnscert.testing.Route53Fixtures;
import ca.archivium.dnscert.waitloop.StepStates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 1, input by input: every bad request CloudFormation could send is answered FAILED at once, with a reason
 * that names the property and the problem, and nothing is created (no certificate requested, no record written, no
 * wait loop started). A failed Create answers with a {@code not-created:} marker, so its rollback Delete has nothing
 * to do; a failed Update keeps its physical id.
 */
@IntegrationTest
class BadInputTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG_LABEL = "a".repeat(64);
    private static CloudFormationSimulator cfn;

    @BeforeAll
    static void start() {
        cfn = CloudFormationSimulator.start(ISSUED_AT_ONCE);
    }

    @AfterAll
    static void stop() {
        cfn.close();
    }

    @BeforeEach
    void forgetCalls() {
        cfn.proxy().clearFaults();
        cfn.proxy().resetCounts();
    }

    /**
     * One bad request.
     *
     * @param name     what is wrong, as the test's display name
     * @param file     the event under {@code events/} it starts from
     * @param change   turns that event into the bad one (with the simulator, to set up hosted zones)
     * @param property what the reason must name
     * @param problem  what the reason must say about it
     */
    record BadInput(String name, String file, BiConsumer<CloudFormationSimulator, ObjectNode> change, String property,
                    String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInputs() {
        return Stream.of(
            // DomainName
            create("DomainName missing", (c, p) -> p.remove("DomainName"), "DomainName", "is required"),
            set("DomainName empty", "DomainName", "\"\"", "DomainName", "must not be empty"),
            set("DomainName a list", "DomainName", "[\"www.example.com\"]", "DomainName", "must be a string"),
            set("DomainName an object", "DomainName", "{\"Name\": \"www.example.com\"}", "DomainName", "must be a string"),
            set("DomainName over 64 characters", "DomainName",
                quoted("a".repeat(40) + "." + "b".repeat(20) + ".example.com"), "DomainName", "64"),
            set("DomainName with a label over 63 characters", "DomainName", quoted(LONG_LABEL + ".example.com"),
                "DomainName", "longer than 63"),
            set("DomainName with an empty label", "DomainName", "\"www..example.com\"", "DomainName", "empty label"),
            set("DomainName starting with a hyphen", "DomainName", "\"-www.example.com\"", "DomainName",
                "do not start or end with a hyphen"),
            set("DomainName with an underscore", "DomainName", "\"www.exa_mple.com\"", "DomainName",
                "labels are letters, digits and hyphens"),
            set("DomainName given as a URL", "DomainName", "\"https://www.example.com\"", "DomainName",
                "labels are letters, digits and hyphens"),
            set("DomainName of a single label", "DomainName", "\"localhost\"", "DomainName", "fully qualified"),
            set("DomainName with white space", "DomainName", "\"www.example.com \"", "DomainName", "white space"),
            set("DomainName with a wildcard in the middle", "DomainName", "\"www.*.example.com\"", "DomainName",
                "wildcard that is not the whole leftmost label"),
            set("DomainName with a wildcard inside a label", "DomainName", "\"*example.com\"", "DomainName",
                "wildcard that is not the whole leftmost label"),
            set("DomainName with a one-character top-level label", "DomainName", "\"www.example.c\"", "DomainName",
                "ACM takes a top-level label of 2 to 63 characters"),
            set("DomainName with two wildcards", "DomainName", "\"*.*.example.com\"", "DomainName",
                "wildcard that is not the whole leftmost label"),
            set("DomainName with a wildcard as the last label", "DomainName", "\"www.example.*\"", "DomainName",
                "wildcard that is not the whole leftmost label"),
            // SubjectAlternativeNames
            set("SubjectAlternativeNames a string", "SubjectAlternativeNames", "\"example.com\"",
                "SubjectAlternativeNames", "must be a list"),
            set("SubjectAlternativeNames with an object", "SubjectAlternativeNames", "[{}]",
                "SubjectAlternativeNames[0]", "must be a string"),
            set("SubjectAlternativeNames with an empty name", "SubjectAlternativeNames", "[\"example.com\", \"\"]",
                "SubjectAlternativeNames[1]", "must not be empty"),
            set("SubjectAlternativeNames with a partial wildcard", "SubjectAlternativeNames", "[\"w*.example.com\"]",
                "SubjectAlternativeNames[0]", "wildcard that is not the whole leftmost label"),
            set("SubjectAlternativeNames with a name over 253 characters", "SubjectAlternativeNames",
                "[" + quoted(String.join(".", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60))
                    + ".example.com") + "]",
                "SubjectAlternativeNames[0]", "the limit is 253"),
            create("101 names", (c, p) -> {
                ArrayNode names = p.putArray("SubjectAlternativeNames");
                for (int i = 1; i <= 100; i++) {
                    names.add("host" + i + ".example.com");
                }
            }, "SubjectAlternativeNames", "at most 100 names in all; these give 101"),
            set("names repeated, differing only in case", "SubjectAlternativeNames",
                "[\"api.example.com\", \"API.Example.com\"]", "SubjectAlternativeNames[1]", "repeats SubjectAlternativeNames[0]"),
            set("names repeated, differing only by a trailing dot", "SubjectAlternativeNames",
                "[\"api.example.com\", \"api.example.com.\"]", "SubjectAlternativeNames[1]", "repeats SubjectAlternativeNames[0]"),
            // Hosted zones
            set("a name no hosted zone covers", "SubjectAlternativeNames", "[\"www.example.org\"]",
                "www.example.org", "no public hosted zone found"),
            create("a name whose only zone is private", (c, p) -> {
                privateZone(c, "private-only.test");
                p.putArray("SubjectAlternativeNames").add("app.private-only.test");
            }, "app.private-only.test", "private zones are never used"),
            create("two public zones with the same name", (c, p) -> {
                publicZone(c, "twin.test");
                publicZone(c, "twin.test");
                p.putArray("SubjectAlternativeNames").add("app.twin.test");
            }, "app.twin.test", "there are 2 public hosted zones named twin.test"),
            create("a HostedZoneId that does not cover the name", (c, p) -> {
                HostedZoneFixture other = publicZone(c, "elsewhere.test");
                override(p, "www.example.com").put("HostedZoneId", other.id());
            }, "HostedZoneId", "does not cover www.example.com"),
            create("a HostedZoneId of a private zone", (c, p) -> {
                HostedZoneFixture hidden = privateZone(c, "example.com");
                override(p, "www.example.com").put("HostedZoneId", hidden.id());
            }, "HostedZoneId", "is private"),
            create("a HostedZoneId that does not exist", (c, p) ->
                override(p, "www.example.com").put("HostedZoneId", "Z0000000000000NOSUCH"),
                "HostedZoneId", "does not exist"),
            // Region
            set("Region not a region name", "Region", "\"europe\"", "Region", "is not an AWS region name"),
            set("Region in capitals", "Region", "\"EU-WEST-1\"", "Region", "is not an AWS region name"),
            set("Region empty", "Region", "\"\"", "Region", "is empty"),
            set("Region a list", "Region", "[\"us-east-1\"]", "Region", "must be a string"),
            set("Region of a partition no SDK knows", "Region", "\"mars-north-1\"", "Region", "is not an AWS region name"),
            set("Region in another partition than the function", "Region", "\"cn-north-1\"", "Region",
                "is in the partition aws-cn"),
            // HostedZoneRoleArn and its external id
            set("HostedZoneRoleArn of a Lambda function", "HostedZoneRoleArn",
                "\"arn:aws:lambda:eu-west-1:123456789012:function:dns\"", "HostedZoneRoleArn", "is not an IAM role ARN"),
            set("HostedZoneRoleArn of an IAM user", "HostedZoneRoleArn", "\"arn:aws:iam::123456789012:user/dns\"",
                "HostedZoneRoleArn", "is not an IAM role ARN"),
            set("HostedZoneRoleArn with a short account id", "HostedZoneRoleArn", "\"arn:aws:iam::1234:role/dns\"",
                "HostedZoneRoleArn", "is not an IAM role ARN"),
            set("HostedZoneRoleArn with a role name over 512 characters", "HostedZoneRoleArn",
                quoted("arn:aws:iam::123456789012:role/" + "r".repeat(513)), "HostedZoneRoleArn", "is not an IAM role ARN"),
            set("HostedZoneRoleArn empty", "HostedZoneRoleArn", "\"\"", "HostedZoneRoleArn", "is empty"),
            set("HostedZoneRoleArn with a role name IAM refuses", "HostedZoneRoleArn",
                "\"arn:aws:iam::123456789012:role/dns validation\"", "HostedZoneRoleArn", "is not an IAM role ARN"),
            set("HostedZoneRoleArn in another partition than the function", "HostedZoneRoleArn",
                "\"arn:aws-us-gov:iam::123456789012:role/dns\"", "HostedZoneRoleArn", "is in the partition aws-us-gov"),
            set("HostedZoneRoleExternalId without a role", "HostedZoneRoleExternalId", "\"ext-1\"",
                "HostedZoneRoleExternalId", "is set but HostedZoneRoleArn is not"),
            create("HostedZoneRoleExternalId of one character", (c, p) -> withRole(p).put("HostedZoneRoleExternalId", "x"),
                "HostedZoneRoleExternalId", "2 to 1224 characters"),
            create("HostedZoneRoleExternalId over 1224 characters", (c, p) ->
                withRole(p).put("HostedZoneRoleExternalId", "x".repeat(1225)), "HostedZoneRoleExternalId", "2 to 1224 characters"),
            create("HostedZoneRoleExternalId with a forbidden character", (c, p) ->
                withRole(p).put("HostedZoneRoleExternalId", "team#1"), "HostedZoneRoleExternalId", "2 to 1224 characters"),
            // DomainValidationOptions
            set("DomainValidationOptions an object", "DomainValidationOptions", "{\"DomainName\": \"www.example.com\"}",
                "DomainValidationOptions", "must be a list"),
            set("DomainValidationOptions with a string entry", "DomainValidationOptions", "[\"www.example.com\"]",
                "DomainValidationOptions[0]", "must be an object"),
            create("DomainValidationOptions entry with an unknown key", (c, p) ->
                override(p, "www.example.com").put("HostedZone", "Z1"), "DomainValidationOptions[0].HostedZone",
                "did you mean HostedZoneId"),
            create("DomainValidationOptions entry without DomainName", (c, p) ->
                p.putArray("DomainValidationOptions").addObject().put("HostedZoneId", "Z1"),
                "DomainValidationOptions[0].DomainName", "is required"),
            create("DomainValidationOptions entry for a name the certificate lacks", (c, p) ->
                override(p, "api.example.com").put("HostedZoneId", "Z1"), "DomainValidationOptions[0].DomainName",
                "is not one of the certificate's names"),
            create("DomainValidationOptions entry that changes nothing", (c, p) -> override(p, "www.example.com"),
                "DomainValidationOptions[0]", "names neither HostedZoneId nor HostedZoneRoleArn"),
            create("DomainValidationOptions with two entries for one name", (c, p) -> {
                override(p, "www.example.com").put("HostedZoneId", "Z1");
                ((ArrayNode) p.path("DomainValidationOptions")).addObject().put("DomainName", "WWW.example.com.")
                    .put("HostedZoneId", "Z2");
            }, "DomainValidationOptions[1].DomainName", "has more than one entry"),
            create("HostedZoneId not in Route 53's format", (c, p) ->
                override(p, "www.example.com").put("HostedZoneId", "zone-1"),
                "DomainValidationOptions[0].HostedZoneId", "is not a Route 53 hosted zone id"),
            create("HostedZoneId over 32 characters", (c, p) ->
                override(p, "www.example.com").put("HostedZoneId", "Z" + "1".repeat(32)),
                "DomainValidationOptions[0].HostedZoneId", "is not a Route 53 hosted zone id"),
            create("DomainValidationOptions role ARN of SNS", (c, p) -> override(p, "www.example.com")
                    .put("HostedZoneRoleArn", "arn:aws:sns:eu-west-1:123456789012:dns"),
                "DomainValidationOptions[0].HostedZoneRoleArn", "is not an IAM role ARN"),
            create("DomainValidationOptions external id without a role", (c, p) -> override(p, "www.example.com")
                    .put("HostedZoneId", "Z1").put("HostedZoneRoleExternalId", "ext-1"),
                "DomainValidationOptions[0].HostedZoneRoleExternalId", "is set but HostedZoneRoleArn is not"),
            // KeyAlgorithm and transparency logging
            set("KeyAlgorithm ACM does not issue through DNS", "KeyAlgorithm", "\"RSA_4096\"", "KeyAlgorithm",
                "is not one of RSA_2048, EC_prime256v1, EC_secp384r1"),
            set("KeyAlgorithm in the wrong case", "KeyAlgorithm", "\"rsa_2048\"", "KeyAlgorithm",
                "is not one of RSA_2048, EC_prime256v1, EC_secp384r1"),
            set("KeyAlgorithm empty", "KeyAlgorithm", "\"\"", "KeyAlgorithm", "is empty"),
            set("CertificateTransparencyLoggingPreference in lower case", "CertificateTransparencyLoggingPreference",
                "\"enabled\"", "CertificateTransparencyLoggingPreference", "is not ENABLED or DISABLED"),
            set("CertificateTransparencyLoggingPreference a boolean", "CertificateTransparencyLoggingPreference",
                "\"true\"", "CertificateTransparencyLoggingPreference", "is not ENABLED or DISABLED"),
            set("CertificateExport in lower case", "CertificateExport", "\"enabled\"", "CertificateExport",
                "is not ENABLED or DISABLED"),
            // Tags
            set("Tags an object", "Tags", "{\"team\": \"web\"}", "Tags", "must be a list"),
            set("Tags with a string entry", "Tags", "[\"team=web\"]", "Tags[0]", "must be an object"),
            create("49 tags", (c, p) -> {
                ArrayNode tags = p.putArray("Tags");
                for (int i = 0; i < 49; i++) {
                    tags.addObject().put("Key", "k" + i).put("Value", "v");
                }
            }, "Tags", "at most 48"),
            // The resource also records each hosted zone in a tag (for the renewal guardian): create.json's names
            // share one zone, so 48 user tags leave it no room.
            create("48 tags and a hosted zone", (c, p) -> {
                ArrayNode tags = p.putArray("Tags");
                for (int i = 0; i < 48; i++) {
                    tags.addObject().put("Key", "k" + i).put("Value", "v");
                }
            }, "Tags", "with 1 hosted zone at most 47 are allowed"),
            set("tag without Key", "Tags", "[{\"Value\": \"web\"}]", "Tags[0].Key", "is required"),
            set("tag with an empty Key", "Tags", "[{\"Key\": \"\", \"Value\": \"web\"}]", "Tags[0].Key", "must not be empty"),
            set("tag Key over 128 characters", "Tags", "[{\"Key\": " + quoted("k".repeat(129)) + ", \"Value\": \"v\"}]",
                "Tags[0].Key", "1 to 128 characters"),
            set("tag Value over 256 characters", "Tags", "[{\"Key\": \"team\", \"Value\": " + quoted("v".repeat(257)) + "}]",
                "Tags[0].Value", "the limit is 256"),
            set("tag Key with a character ACM refuses", "Tags", "[{\"Key\": \"team#1\", \"Value\": \"web\"}]",
                "Tags[0].Key", "has the character '#', which ACM does not allow in tags"),
            set("tag Value with a character ACM refuses", "Tags", "[{\"Key\": \"owner\", \"Value\": \"web-stack#Cert\"}]",
                "Tags[0].Value", "has the character '#'"),
            set("tag Value with a comma", "Tags", "[{\"Key\": \"teams\", \"Value\": \"web,platform\"}]",
                "Tags[0].Value", "has the character ','"),
            set("tag Key in capitals reserved by AWS", "Tags", "[{\"Key\": \"AWS:owner\", \"Value\": \"x\"}]",
                "Tags[0].Key", "which AWS reserves"),
            set("tag Key reserved by AWS", "Tags", "[{\"Key\": \"aws:cloudformation:stack-name\", \"Value\": \"x\"}]",
                "Tags[0].Key", "which AWS reserves"),
            set("tag Key reserved by the resource", "Tags", "[{\"Key\": \"dns-validated-cert:created-by\", \"Value\": \"x\"}]",
                "Tags[0].Key", "reserves for itself"),
            set("tag Key given twice", "Tags", "[{\"Key\": \"team\", \"Value\": \"a\"}, {\"Key\": \"team\", \"Value\": \"b\"}]",
                "Tags[1].Key", "appears more than once"),
            set("tag with an unknown field", "Tags", "[{\"Key\": \"team\", \"Value\": \"web\", \"Name\": \"x\"}]",
                "Tags[0].Name", "is not a property"),
            // Booleans
            set("WaitForIssuance yes", "WaitForIssuance", "\"yes\"", "WaitForIssuance", "is not true or false"),
            set("ReuseExistingCertificate 1", "ReuseExistingCertificate", "\"1\"", "ReuseExistingCertificate",
                "is not true or false"),
            set("CleanupValidationRecords a list", "CleanupValidationRecords", "[\"true\"]", "CleanupValidationRecords",
                "is not true or false"),
            // DNS checks
            set("DnsPreflight in lower case", "DnsPreflight", "\"warn\"", "DnsPreflight", "is not one of FAIL, WARN, OFF"),
            set("DnsPreflight a boolean", "DnsPreflight", "false", "DnsPreflight", "is not one of FAIL, WARN, OFF"),
            set("ValidationProblemTimeout under a minute", "ValidationProblemTimeout", "\"30\"", "ValidationProblemTimeout",
                "from 60 to 3600"),
            set("ValidationProblemTimeout over an hour", "ValidationProblemTimeout", "\"3601\"", "ValidationProblemTimeout",
                "from 60 to 3600"),
            set("ValidationProblemTimeout not a number", "ValidationProblemTimeout", "\"5m\"", "ValidationProblemTimeout",
                "from 60 to 3600"),
            set("DnsPreflight misspelt", "DnsPreFlight", "\"OFF\"", "DnsPreFlight", "did you mean DnsPreflight"),
            // Unknown properties
            set("an unknown property one letter off", "SubjectAlternateNames", "[\"example.com\"]",
                "SubjectAlternateNames", "did you mean SubjectAlternativeNames"),
            set("a property in the wrong case", "domainName", "\"www.example.com\"", "domainName",
                "did you mean DomainName"),
            set("a property of another resource type", "ValidationMethod", "\"DNS\"", "ValidationMethod",
                "is not a property of Custom::DnsValidatedCert"),
            // ServiceTimeout (CloudFormation's own property, read for the deadline)
            set("ServiceTimeout 0", "ServiceTimeout", "\"0\"", "ServiceTimeout", "from 1 to 3600"),
            set("ServiceTimeout over an hour", "ServiceTimeout", "\"3601\"", "ServiceTimeout", "from 1 to 3600"),
            set("ServiceTimeout negative", "ServiceTimeout", "\"-5\"", "ServiceTimeout", "from 1 to 3600"),
            set("ServiceTimeout not a number", "ServiceTimeout", "\"ten\"", "ServiceTimeout", "from 1 to 3600"),
            set("ServiceTimeout with a fraction", "ServiceTimeout", "\"60.5\"", "ServiceTimeout", "from 1 to 3600"),
            // The event itself
            event("RequestType unknown", "create.json", e -> e.put("RequestType", "Destroy"), "RequestType",
                "is not one of Create, Update, Delete"),
            event("Update without PhysicalResourceId", "update-tags.json", e -> e.remove("PhysicalResourceId"),
                "PhysicalResourceId", "is required for Update"),
            event("Delete without PhysicalResourceId", "delete.json", e -> e.remove("PhysicalResourceId"),
                "PhysicalResourceId", "is required for Delete"),
            event("Update without OldResourceProperties", "update-tags.json", e -> e.remove("OldResourceProperties"),
                "OldResourceProperties", "is required for Update"),
            event("ResourceProperties missing", "create.json", e -> e.remove("ResourceProperties"), "ResourceProperties",
                "is missing"),
            event("ResourceProperties a list", "create.json", e -> e.putArray("ResourceProperties"), "ResourceProperties",
                "must be an object"),
            event("ResourceType missing", "create.json", e -> e.remove("ResourceType"), "ResourceType", "is missing"),
            event("PhysicalResourceId a number", "update-tags.json", e -> e.put("PhysicalResourceId", 7),
                "PhysicalResourceId", "must be a string"),
            // Update: the same checks, and the resource keeps its physical id
            new BadInput("Update to an unknown KeyAlgorithm", "update-tags.json",
                (c, e) -> properties(e).put("KeyAlgorithm", "RSA_1024"), "KeyAlgorithm", "is not one of"),
            new BadInput("Update adding an unknown property", "update-tags.json",
                (c, e) -> properties(e).put("Regoin", "us-east-1"), "Regoin", "did you mean Region"),
            new BadInput("Update to a name without a zone", "update-names.json",
                (c, e) -> properties(e).putArray("SubjectAlternativeNames").add("www.example.org"), "www.example.org",
                "no public hosted zone found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsFailedAtOnceNamingThePropertyAndTheProblemWithNothingCreated(BadInput input) {
        ObjectNode event = freshEvent(input.file());
        input.change().accept(cfn, event);
        String requestId = event.path("RequestId").asText();

        assertThat(cfn.deliver(event)).as("answered at once, without a wait loop").isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponseTo(requestId);
        assertThat(answer.status()).as("status (reason: %s)", answer.reason()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("the reason names the property").contains(input.property());
        assertThat(answer.reason()).as("the reason says what is wrong").contains(input.problem());
        JsonNode given = event.get("PhysicalResourceId");
        String oldId = given != null && given.isTextual() ? given.textValue() : null;
        if (event.path("RequestType").asText().equals("Create") || oldId == null) {
            assertThat(answer.physicalResourceId()).as("a marker, so the rollback Delete has nothing to do")
                .startsWith("not-created:");
        } else {
            assertThat(answer.physicalResourceId()).as("a failed %s keeps its physical id",
                event.path("RequestType").asText()).isEqualTo(oldId);
        }
        assertThat(cfn.proxy().calls("RequestCertificate")).as("no certificate requested").isZero();
        assertThat(cfn.proxy().calls("ChangeResourceRecordSets")).as("no record written").isZero();
        assertThat(cfn.proxy().calls("AddTagsToCertificate")).as("no certificate tagged").isZero();
        assertThat(cfn.certificateArns()).as("no certificate in ACM").isEmpty();
        assertThat(cfn.waitLoop().executionNames()).as("no wait loop started").isEmpty();
    }

    @Test
    void theTableHoldsAtLeastSixtyDistinctInputs() {
        List<String> names = badInputs().map(BadInput::name).toList();
        assertThat(names).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void twoPublicZonesWithTheSameNameAreBothListedById() {
        HostedZoneFixture first = publicZone(cfn, "pair.test");
        HostedZoneFixture second = publicZone(cfn, "pair.test");
        ObjectNode event = freshEvent("create.json");
        properties(event).putArray("SubjectAlternativeNames").add("www.pair.test");

        cfn.deliver(event);

        ResponseSink.Received answer = cfn.onlyResponseTo(event.path("RequestId").asText());
        assertThat(answer.status()).isEqualTo("FAILED");
        assertThat(answer.reason()).as("the user must pick one: both ids are given")
            .contains(first.id(), second.id(), "DomainValidationOptions[].HostedZoneId");
        assertThat(cfn.certificateArns()).isEmpty();
    }

    @Test
    void eventWithoutAResponseUrlCannotBeAnsweredAndCreatesNothing() {
        ObjectNode event = freshEvent("create.json");
        event.remove("ResponseURL");

        assertThat(cfn.deliver(event)).isEqualTo(Handled.UNANSWERABLE);

        assertThat(cfn.sink().receivedFor(event.path("RequestId").asText())).isEmpty();
        assertThat(cfn.proxy().callLog()).as("no AWS call at all").isEmpty();
        assertThat(cfn.certificateArns()).isEmpty();
    }

    @Test
    void deleteOfTheMarkerACreateRefusedForBadInputAnsweredSucceedsWithoutCallingAws() {
        ObjectNode create = freshEvent("create.json");
        properties(create).put("KeyAlgorithm", "DSA");
        cfn.deliver(create);
        String marker = cfn.onlyResponseTo(create.path("RequestId").asText()).physicalResourceId();
        assertThat(marker).startsWith("not-created:");
        // CloudFormation's rollback Delete carries the properties the Create was sent.
        ObjectNode rollback = freshEvent("delete.json").put("PhysicalResourceId", marker);
        rollback.set("ResourceProperties", properties(create).deepCopy());
        cfn.proxy().resetCounts();

        assertThat(cfn.deliver(rollback)).isEqualTo(Handled.ANSWERED);

        ResponseSink.Received answer = cfn.onlyResponseTo(rollback.path("RequestId").asText());
        assertThat(answer.status()).as("reason: %s", answer.reason()).isEqualTo("SUCCESS");
        assertThat(answer.physicalResourceId()).isEqualTo(marker);
        assertThat(cfn.proxy().callLog()).as("properties refused at the Create made nothing, so no AWS call").isEmpty();
    }

    @Test
    void stepDocumentThatIsNotOneIsRefusedByReconcileNamingWhatIsMissing() {
        ObjectNode step = JSON.createObjectNode().put("outcome", "WAIT").put("waitSeconds", 5);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cfn.lifecycle().reconcile()
                .step(ca.archivium.dnscert.waitloop.StepStates.fromJson(step)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a wait-loop step document");
        assertThat(cfn.proxy().callLog()).as("no AWS call").isEmpty();
    }

    // ---- building the rows

    private static BadInput create(String name, BiConsumer<CloudFormationSimulator, ObjectNode> changeProperties,
                                   String property, String problem) {
        return new BadInput(name, "create.json", (c, e) -> changeProperties.accept(c, properties(e)), property, problem);
    }

    private static BadInput set(String name, String key, String json, String property, String problem) {
        return create(name, (c, p) -> p.set(key, parse(json)), property, problem);
    }

    private static BadInput event(String name, String file, java.util.function.Consumer<ObjectNode> change,
                                  String property, String problem) {
        return new BadInput(name, file, (c, e) -> change.accept(e), property, problem);
    }

    private static ObjectNode properties(ObjectNode event) {
        return (ObjectNode) event.path("ResourceProperties");
    }

    private static ObjectNode override(ObjectNode properties, String name) {
        ArrayNode options = properties.has("DomainValidationOptions")
            ? (ArrayNode) properties.get("DomainValidationOptions") : properties.putArray("DomainValidationOptions");
        return options.addObject().put("DomainName", name);
    }

    private static ObjectNode withRole(ObjectNode properties) {
        return properties.put("HostedZoneRoleArn", "arn:aws:iam::123456789012:role/dns-validation");
    }

    private static HostedZoneFixture publicZone(CloudFormationSimulator c, String name) {
        try (Route53Fixtures route53 = c.route53()) {
            return route53.createPublicZone(name);
        }
    }

    private static HostedZoneFixture privateZone(CloudFormationSimulator c, String name) {
        try (Route53Fixtures route53 = c.route53()) {
            return route53.createPrivateZone(name);
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event from {@code events/} with a RequestId (and so a ResponseURL) of its own. */
    private static ObjectNode freshEvent(String file) {
        ObjectNode event = cfn.event(file);
        String requestId = UUID.randomUUID().toString();
        event.put("RequestId", requestId);
        event.put("ResponseURL", cfn.sink().urlFor(requestId));
        return event;
    }
}
