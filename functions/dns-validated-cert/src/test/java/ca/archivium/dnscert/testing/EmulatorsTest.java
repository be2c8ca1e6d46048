package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the extension promises about scope: a test's proxied moto ends with the test, moto itself does not. */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorsTest {
    @RegisterExtension
    static final Emulators ISSUED_AT_ONCE = Emulators.moto(0);

    private static URI proxyOfTheFirstTest;

    @Test
    @Order(1)
    void aTestThatTakesAProxiedMotoHasTheSdkPointedAtTheProxy() {
        ProxiedMoto aws = ISSUED_AT_ONCE.freshMotoBehindProxy();
        proxyOfTheFirstTest = aws.proxy().endpoint();

        assertThat(System.getProperty("aws.endpointUrl")).as("the SDK's endpoint during the test")
            .isEqualTo(proxyOfTheFirstTest.toString());
        try (Route53Fixtures route53 = aws.direct().route53Fixtures()) {
            route53.createPublicZone("left-behind.example.com");
        }
    }

    @Test
    @Order(2)
    void afterThatTestItsProxyIsClosedAndTheSdkSettingsAreGoneButMotoIsStillUp() {
        assertThat(proxyOfTheFirstTest).as("the first test ran").isNotNull();
        assertThat(System.getProperty("aws.endpointUrl")).as("the SDK's endpoint after the test that set it").isNull();
        assertThatThrownBy(() -> get(proxyOfTheFirstTest)).as("the first test's proxy")
            .isInstanceOf(IOException.class);
        try (Route53Fixtures route53 = new AwsTestEnvironment(ISSUED_AT_ONCE.moto().endpoint()).route53Fixtures()) {
            assertThat(route53.zones()).as("moto's zones, not wiped until a test takes a fresh moto")
                .extracting(HostedZoneFixture::name).containsExactly("left-behind.example.com.");
        }
        try (Route53Fixtures route53 = ISSUED_AT_ONCE.freshMoto().route53Fixtures()) {
            assertThat(route53.zones()).as("moto's zones once a test takes a fresh moto").isEmpty();
        }
    }

    @Test
    void motoAsItComesMustSayWhy() {
        assertThatThrownBy(() -> Emulators.motoAsItComes(0, " ")).as("moto past the conformance layer, no reason given")
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("say why");
    }

    @Test
    void aTestsMotoIsReachedThroughTheConformanceLayer() {
        assertThat(ISSUED_AT_ONCE.freshMoto().endpoint()).as("the endpoint tests get")
            .isEqualTo(ISSUED_AT_ONCE.conformance().endpoint())
            .isNotEqualTo(ISSUED_AT_ONCE.moto().rawEndpoint());
    }

    @Test
    void knotDnsIsNotThereUnlessAskedFor() {
        assertThatThrownBy(ISSUED_AT_ONCE::knotServer).as("Knot DNS from Emulators.moto(0)")
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("Emulators.withKnot()");
    }

    private static void get(URI endpoint) throws IOException, InterruptedException {
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
            .send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
