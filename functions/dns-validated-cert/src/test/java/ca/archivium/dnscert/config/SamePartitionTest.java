package ca.archivium.dnscert.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The certificate's region and the roles are in the function's partition: credentials work in one partition only. */
class SamePartitionTest {
    private static CertificateProperties parse(Object... keyValues) {
        Map<String, Object> raw = new java.util.HashMap<>(Map.of("DomainName", "example.com"));
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return PropertyParser.parse(raw);
    }

    @Test
    void aRegionOfAnotherPartitionIsRefusedNamingRegion() {
        assertThatThrownBy(() -> SamePartition.check(parse("Region", "cn-north-1"), "us-east-1"))
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessageStartingWith("Region: 'cn-north-1' is in the partition aws-cn")
            .hasMessageContaining("runs in us-east-1 (partition aws)");
    }

    @Test
    void rolesOfAnotherPartitionAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> SamePartition.check(parse("HostedZoneRoleArn",
            "arn:aws:iam::111111111111:role/dns"), "cn-northwest-1"))
            .hasMessageStartingWith("HostedZoneRoleArn: 'arn:aws:iam::111111111111:role/dns' is in the partition aws,");
        assertThatThrownBy(() -> SamePartition.check(parse("SubjectAlternativeNames", List.of("www.example.com"),
            "DomainValidationOptions", List.of(
                Map.of("DomainName", "example.com", "HostedZoneId", "Z1"),
                Map.of("DomainName", "www.example.com", "HostedZoneRoleArn", "arn:aws-us-gov:iam::111111111111:role/dns"))),
            "eu-west-1"))
            .hasMessageStartingWith("DomainValidationOptions[1].HostedZoneRoleArn: ");
    }

    @Test
    void everythingInTheFunctionsPartitionPasses() {
        assertThatCode(() -> SamePartition.check(parse("Region", "cn-north-1",
            "HostedZoneRoleArn", "arn:aws-cn:iam::111111111111:role/dns"), "cn-northwest-1")).doesNotThrowAnyException();
        assertThatCode(() -> SamePartition.check(parse("Region", "us-gov-east-1",
            "HostedZoneRoleArn", "arn:aws-us-gov:iam::111111111111:role/team/dns"), "us-gov-west-1"))
            .doesNotThrowAnyException();
        assertThatCode(() -> SamePartition.check(parse("Region", "us-east-1"), "eu-west-1")).doesNotThrowAnyException();
    }

    @Test
    void aFunctionInAPartitionWhereTheResourceDoesNotWorkIsRefusedAtItsServiceToken() {
        assertThatThrownBy(() -> SamePartition.check(parse(), "us-iso-east-1"))
            .isInstanceOf(InvalidPropertyException.class)
            .hasMessageStartingWith("ServiceToken: the function runs in us-iso-east-1 (partition aws-iso)")
            .hasMessageContaining("[aws, aws-cn, aws-us-gov]");
    }
}
