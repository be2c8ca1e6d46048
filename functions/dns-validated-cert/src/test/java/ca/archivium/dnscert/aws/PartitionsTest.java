package ca.archivium.dnscert.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.endpoints.Route53EndpointParams;
import software.amazon.awssdk.services.route53.endpoints.Route53EndpointProvider;

/** Partitions, from the SDK's own partition metadata and endpoint rules; no call leaves the process. */
class PartitionsTest {

    @ParameterizedTest(name = "a function in {0} reaches Route 53 at {1}, signed for {2}")
    @CsvSource({
        "us-east-1,      route53.amazonaws.com,        us-east-1",
        "eu-west-1,      route53.amazonaws.com,        us-east-1",
        "cn-north-1,     route53.amazonaws.com.cn,     cn-northwest-1",
        "cn-northwest-1, route53.amazonaws.com.cn,     cn-northwest-1",
        "us-gov-east-1,  route53.us-gov.amazonaws.com, us-gov-west-1"})
    void route53IsReachedAtTheEndpointOfTheFunctionsOwnPartition(String home, String host, String signingRegion) {
        try (ServiceClients clients = new ServiceClients(Region.of(home))) {
            Route53Client route53 = clients.route53();
            Endpoint endpoint = ((Route53EndpointProvider) route53.serviceClientConfiguration().endpointProvider()
                .orElseThrow()).resolveEndpoint(Route53EndpointParams.builder()
                .region(route53.serviceClientConfiguration().region()).build()).join();

            assertThat(endpoint.endpointUrl().scheme()).isEqualTo("https");
            assertThat(endpoint.endpointUrl().host()).isEqualTo(host);
            assertThat(endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES)).singleElement()
                .isInstanceOfSatisfying(SigV4AuthScheme.class, scheme ->
                    assertThat(scheme.signingRegion()).as("credentials of %s sign for its own partition", home)
                        .isEqualTo(signingRegion));
        }
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({"us-east-1, aws", "ap-southeast-7, aws", "cn-north-1, aws-cn", "us-gov-west-1, aws-us-gov",
        "us-isob-east-1, aws-iso-b", "eusc-de-east-1, aws-eusc",
        // Launched after this SDK: placed by the partition's pattern for region names.
        "cn-south-9, aws-cn", "us-gov-south-1, aws-us-gov"})
    void aRegionsPartitionComesFromTheSdksMetadata(String region, String partition) {
        assertThat(Partitions.of(region)).contains(partition);
    }

    @ParameterizedTest
    @ValueSource(strings = {"useast1", "us_east_1", "mars-north-1", "US-EAST-1", "us-east-1a"})
    void aNameNoPartitionHasIsNoRegion(String region) {
        assertThat(Partitions.of(region)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "cn-northwest-1", "us-gov-west-1"})
    void theResourceWorksInTheCommercialChinaAndGovCloudPartitions(String home) {
        assertThat(Partitions.unsupported(home)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"us-iso-east-1, public internet DNS", "us-isob-east-1, public internet DNS",
        "eu-isoe-west-1, public internet DNS", "us-isof-south-1, public internet DNS",
        "eusc-de-east-1, names no endpoint there"})
    void elsewhereItSaysWhy(String home, String why) {
        assertThat(Partitions.unsupported(home)).hasValueSatisfying(reason -> assertThat(reason)
            .contains(home, "[aws, aws-cn, aws-us-gov]", why, "AWS::CertificateManager::Certificate"));
    }
}
