package ca.archivium.dnscert.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;

/** The product's patience with AWS: pinned here, because tests elsewhere run with a shorter one. */
class ClientTimingTest {

    @Test
    void theProductsTimingIsSixAttemptsOfTwentySecondsWithinAMinute() {
        assertThat(ClientTiming.standard()).isEqualTo(new ClientTiming(6, Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }

    @Test
    void aCallThatNeverSucceedsGivesUpWellWithinTheFunctionsTimeout() {
        Duration functionTimeout = Duration.ofSeconds(180);
        assertThat(ClientTiming.standard().callTimeout()).isLessThanOrEqualTo(functionTimeout.dividedBy(3));
    }

    @Test
    void everyClientGetsTheTimingItWasBuiltWith() {
        try (ServiceClients clients = new ServiceClients(Region.EU_WEST_1)) {
            for (ClientOverrideConfiguration overrides : new ClientOverrideConfiguration[] {
                clients.acm(Region.US_EAST_1).serviceClientConfiguration().overrideConfiguration(),
                clients.route53().serviceClientConfiguration().overrideConfiguration(),
                clients.sts().serviceClientConfiguration().overrideConfiguration(),
                clients.sfn().serviceClientConfiguration().overrideConfiguration(),
                clients.kms().serviceClientConfiguration().overrideConfiguration()}) {
                assertThat(overrides.apiCallAttemptTimeout()).contains(Duration.ofSeconds(20));
                assertThat(overrides.apiCallTimeout()).contains(Duration.ofSeconds(60));
                assertThat(overrides.retryStrategy()).hasValueSatisfying(
                    strategy -> assertThat(strategy.maxAttempts()).isEqualTo(6));
            }
        }
    }

    @Test
    void aTimingWithoutAttemptsOrWithAMissingDurationIsRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ClientTiming(0, second, second, second, second, second, second, second))
            .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new ClientTiming(6, second, second, Duration.ZERO, second, second, second, second))
            .hasMessageContaining("attemptTimeout");
    }
}
