package ca.archivium.dnscert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyParserTest {

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("ServiceToken", "arn:aws:lambda:eu-west-1:123456789012:function:dns-validated-cert:live");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static void assertRejected(Map<String, Object> properties, String property, String problem) {
        assertThatThrownBy(() -> PropertyParser.parse(properties))
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessageStartingWith(property + ": ")
            .hasMessageContaining(problem)
            .extracting(e -> ((InvalidPropertyException) e).property()).isEqualTo(property);
    }

    @Test
    void minimalPropertiesGetTheDocumentedDefaults() {
        CertificateProperties p = PropertyParser.parse(props("DomainName", "Example.com."));
        assertThat(p.domainName()).isEqualTo("example.com");
        assertThat(p.subjectAlternativeNames()).isEmpty();
        assertThat(p.region()).isNull();
        assertThat(p.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA_2048);
        assertThat(p.transparencyOptOut()).isFalse();
        assertThat(p.exportable()).as("not exportable unless asked: exportable certificates are charged").isFalse();
        assertThat(p.waitForIssuance()).isTrue();
        assertThat(p.reuseExistingCertificate()).isFalse();
        assertThat(p.cleanupValidationRecords()).isFalse();
    }

    @Test
    void fullPropertiesAreParsed() {
        CertificateProperties p = PropertyParser.parse(props(
            "ServiceTimeout", "1800",
            "DomainName", "archivium.ca",
            "SubjectAlternativeNames", List.of("www.archivium.ca", "dev.archivium.ca", "*.dev.archivium.ca"),
            "Region", "us-east-1",
            "HostedZoneRoleArn", "arn:aws:iam::111111111111:role/dns-validation",
            "HostedZoneRoleExternalId", "optional-external-id",
            "DomainValidationOptions", List.of(Map.of("DomainName", "dev.archivium.ca", "HostedZoneId", "/hostedzone/Z0123456789ABC",
                "HostedZoneRoleArn", "arn:aws:iam::222222222222:role/dns-validation")),
            "KeyAlgorithm", "EC_prime256v1",
            "CertificateTransparencyLoggingPreference", "DISABLED",
            "CertificateExport", "ENABLED",
            "Tags", List.of(Map.of("Key", "team", "Value", "web")),
            "WaitForIssuance", "false",
            "ReuseExistingCertificate", "true",
            "CleanupValidationRecords", true));
        assertThat(p.allNames()).containsExactly("archivium.ca", "www.archivium.ca", "dev.archivium.ca", "*.dev.archivium.ca");
        assertThat(p.region()).isEqualTo("us-east-1");
        assertThat(p.validationOverrides()).containsExactly(new ValidationOverride("dev.archivium.ca", "Z0123456789ABC",
            "arn:aws:iam::222222222222:role/dns-validation", null));
        assertThat(p.overrideFor("*.dev.archivium.ca")).as("a wildcard shares its base name's record, so its override")
            .map(ValidationOverride::hostedZoneId).contains("Z0123456789ABC");
        assertThat(p.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_prime256v1);
        assertThat(p.transparencyOptOut()).as("DISABLED is still accepted, for templates written before the opt-out went").isTrue();
        assertThat(p.exportable()).isTrue();
        assertThat(p.tags()).containsExactly(new Tag("team", "web"));
        assertThat(p.waitForIssuance()).isFalse();
        assertThat(p.reuseExistingCertificate()).isTrue();
        assertThat(p.cleanupValidationRecords()).isTrue();
    }

    @Test
    void thePrimaryNameMayBeRepeatedAmongTheAlternatives() {
        CertificateProperties p = PropertyParser.parse(props("DomainName", "example.com",
            "SubjectAlternativeNames", List.of("EXAMPLE.com.", "www.example.com")));
        assertThat(p.subjectAlternativeNames()).containsExactly("www.example.com");
    }

    @Test
    void alternativesThatDifferOnlyInCaseOrTrailingDotAreDuplicates() {
        assertRejected(props("DomainName", "example.com", "SubjectAlternativeNames", List.of("www.example.com", "WWW.example.com.")),
            "SubjectAlternativeNames[1]", "repeats SubjectAlternativeNames[0]");
    }

    @Test
    void unknownPropertiesAreRejectedWithTheClosestValidName() {
        assertRejected(props("DomainName", "example.com", "SubjectAlternateNames", List.of()),
            "SubjectAlternateNames", "did you mean SubjectAlternativeNames?");
        assertRejected(props("DomainName", "example.com", "HostedZoneID", "Z1"), "HostedZoneID", "is not a property");
        assertRejected(props("DomainName", "example.com", "DomainValidationOptions",
            List.of(Map.of("DomainName", "example.com", "HostedZoneID", "Z1"))),
            "DomainValidationOptions[0].HostedZoneID", "did you mean HostedZoneId?");
    }

    @Test
    void domainNameIsRequiredAndNotEmpty() {
        assertRejected(props(), "DomainName", "is required");
        assertRejected(props("DomainName", ""), "DomainName", "must not be empty");
        assertRejected(props("DomainName", List.of("a.com")), "DomainName", "must be a string");
    }

    @Test
    void theFirstNameIsLimitedTo64CharactersByAcm() {
        assertRejected(props("DomainName", "a".repeat(60) + ".example.com"), "DomainName", "limits the first name");
    }

    @Test
    void atMost100Names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("n" + i + ".example.com");
        }
        assertRejected(props("DomainName", "example.com", "SubjectAlternativeNames", names),
            "SubjectAlternativeNames", "at most 100 names in all; these give 101");
        assertThat(PropertyParser.parse(props("DomainName", "example.com", "SubjectAlternativeNames", names.subList(0, 99)))
            .allNames()).hasSize(100);
    }

    @Test
    void regionRoleAndZoneFormatsAreChecked() {
        assertRejected(props("DomainName", "example.com", "Region", "US-EAST-1"), "Region", "not an AWS region name");
        assertRejected(props("DomainName", "example.com", "Region", "mars-north-1"), "Region", "not an AWS region name");
        assertRejected(props("DomainName", "example.com", "HostedZoneRoleArn", "arn:aws-mars:iam::111111111111:role/dns"),
            "HostedZoneRoleArn", "not an IAM role ARN");
        assertRejected(props("DomainName", "example.com", "HostedZoneRoleArn",
            "arn:aws:iam::111111111111:role/" + "r".repeat(65)), "HostedZoneRoleArn", "1 to 64");
        assertRejected(props("DomainName", "example.com", "HostedZoneRoleArn", "arn:aws:s3:::bucket"),
            "HostedZoneRoleArn", "not an IAM role ARN");
        assertRejected(props("DomainName", "example.com", "HostedZoneRoleArn", "arn:aws:iam::123456789012:user/bob"),
            "HostedZoneRoleArn", "not an IAM role ARN");
        assertRejected(props("DomainName", "example.com", "HostedZoneRoleExternalId", "abc"),
            "HostedZoneRoleExternalId", "HostedZoneRoleArn is not");
        assertRejected(props("DomainName", "example.com", "DomainValidationOptions",
            List.of(Map.of("DomainName", "example.com", "HostedZoneId", "not a zone"))),
            "DomainValidationOptions[0].HostedZoneId", "not a Route 53 hosted zone id");
        assertRejected(props("DomainName", "example.com", "DomainValidationOptions",
            List.of(Map.of("DomainName", "other.com", "HostedZoneId", "Z1"))),
            "DomainValidationOptions[0].DomainName", "not one of the certificate's names");
    }

    @Test
    void regionsOfEveryPartitionTheSdkKnowsAndRolesWithAPathParse() {
        for (String region : List.of("us-east-1", "cn-north-1", "us-gov-east-1", "eusc-de-east-1", "ap-southeast-7")) {
            assertThat(PropertyParser.parse(props("DomainName", "example.com", "Region", region)).region()).isEqualTo(region);
        }
        assertThat(PropertyParser.parse(props("DomainName", "example.com",
            "HostedZoneRoleArn", "arn:aws-cn:iam::111111111111:role/platform/dns/validation")).hostedZoneRoleArn())
            .as("IAM paths are part of a role's ARN").isEqualTo("arn:aws-cn:iam::111111111111:role/platform/dns/validation");
    }

    @Test
    void tagsAreWhatAcmsModelTakes() {
        CertificateProperties p = PropertyParser.parse(props("DomainName", "example.com", "Tags", List.of(
            Map.of("Key", "équipe", "Value", "Zoë web"), Map.of("Key", "stack:name/part=1+2@x", "Value", ""))));
        assertThat(p.tags()).as("letters of any script, spaces, digits and _ . : / = + - @")
            .containsExactly(new Tag("équipe", "Zoë web"), new Tag("stack:name/part=1+2@x", ""));
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "a*b", "Value", "v"))),
            "Tags[0].Key", "has the character '*'");
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "k", "Value", "\"quoted\""))),
            "Tags[0].Value", "has the character '\"'");
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "k".repeat(129), "Value", "v"))),
            "Tags[0].Key", "1 to 128");
    }

    @Test
    void aNameAcmsModelRefusesIsRefusedHere() {
        assertRejected(props("DomainName", "www.example.c"), "DomainName", "top-level label of 2 to 63 characters");
        assertRejected(props("DomainName", "example.com", "SubjectAlternativeNames", List.of("x.y")),
            "SubjectAlternativeNames[0]", "top-level label");
    }

    @Test
    void enumsAndBooleansAreChecked() {
        assertRejected(props("DomainName", "example.com", "KeyAlgorithm", "RSA_1024"), "KeyAlgorithm", "not one of RSA_2048");
        assertRejected(props("DomainName", "example.com", "CertificateTransparencyLoggingPreference", "ON"),
            "CertificateTransparencyLoggingPreference", "not ENABLED or DISABLED");
        assertRejected(props("DomainName", "example.com", "CertificateExport", "enabled"),
            "CertificateExport", "not ENABLED or DISABLED");
        assertRejected(props("DomainName", "example.com", "WaitForIssuance", "yes"), "WaitForIssuance", "not true or false");
        assertRejected(props("DomainName", "example.com", "SubjectAlternativeNames", "www.example.com"),
            "SubjectAlternativeNames", "must be a list");
    }

    @Test
    void tagsFollowAcmRules() {
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "aws:cloudformation:x", "Value", "v"))),
            "Tags[0].Key", "reserves");
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "dns-validated-cert:created-by", "Value", "v"))),
            "Tags[0].Key", "reserves for itself");
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "k".repeat(129), "Value", "v"))),
            "Tags[0].Key", "1 to 128");
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "k", "Value", "v".repeat(257)))),
            "Tags[0].Value", "the limit is 256");
        assertRejected(props("DomainName", "example.com", "Tags", List.of(Map.of("Key", "k", "Value", "1"), Map.of("Key", "k", "Value", "2"))),
            "Tags[1].Key", "more than once");
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            many.add(Map.of("Key", "k" + i, "Value", ""));
        }
        assertRejected(props("DomainName", "example.com", "Tags", many), "Tags", "at most 48");
    }

    @Test
    void dnsChecksFailOnProvableProblemsAndAllowFiveMinutesByDefault() {
        CertificateProperties p = PropertyParser.parse(props("DomainName", "example.com"));
        assertThat(p.dnsPreflight()).isEqualTo(DnsCheckMode.FAIL);
        assertThat(p.validationProblemTimeoutSeconds()).isEqualTo(300);
        CertificateProperties set = PropertyParser.parse(props("DomainName", "example.com", "DnsPreflight", "WARN",
            "ValidationProblemTimeout", "120"));
        assertThat(set.dnsPreflight()).isEqualTo(DnsCheckMode.WARN);
        assertThat(set.validationProblemTimeoutSeconds()).isEqualTo(120);
    }

    @Test
    void badDnsCheckSettingsNameTheProperty() {
        assertRejected(props("DomainName", "example.com", "DnsPreflight", "fail"), "DnsPreflight", "is not one of FAIL, WARN, OFF");
        assertRejected(props("DomainName", "example.com", "ValidationProblemTimeout", "30"), "ValidationProblemTimeout",
            "from 60 to 3600");
        assertRejected(props("DomainName", "example.com", "DnsPrefligt", "OFF"), "DnsPrefligt", "did you mean DnsPreflight?");
    }
}
