package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.acm.AcmClient;

@IntegrationTest
class AwsTestEnvironmentTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    @Test
    void systemPropertiesSendDefaultBuiltClientsToTheEndpoint() throws IOException {
        try (FaultProxy proxy = FaultProxy.start(ISSUED_AT_ONCE.moto().endpoint())) {
            AwsTestEnvironment aws = new AwsTestEnvironment(proxy.endpoint());

            try (AwsTestEnvironment.AppliedSystemProperties applied = aws.applySystemProperties();
                 // built as production code builds it: no endpoint, region or credentials of its own
                 AcmClient acm = AcmClient.builder().credentialsProvider(DefaultCredentialsProvider.builder().build())
                         .httpClient(UrlConnectionHttpClient.create()).build()) {
                acm.listCertificates();
            }

            assertThat(proxy.calls("ListCertificates")).as("the default-built client went through the proxy")
                    .isEqualTo(1);
        }
    }

    @Test
    void closingTheScopeRestoresEarlierSystemProperties() {
        AwsTestEnvironment aws = new AwsTestEnvironment(java.net.URI.create("http://127.0.0.1:1"));
        System.setProperty("aws.region", "ca-central-1");
        try {
            try (AwsTestEnvironment.AppliedSystemProperties applied = aws.applySystemProperties()) {
                assertThat(System.getProperty("aws.region")).isEqualTo(AwsTestEnvironment.REGION.id());
            }
            assertThat(System.getProperty("aws.region")).as("the earlier value is back").isEqualTo("ca-central-1");
            assertThat(System.getProperty("aws.endpointUrl")).as("unset before, unset after").isNull();
        } finally {
            System.clearProperty("aws.region");
        }
    }
}
