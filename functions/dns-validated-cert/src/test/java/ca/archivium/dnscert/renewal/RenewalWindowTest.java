package ca.archivium.dnscert.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RenewalWindowTest {
    private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");

    private static RenewalWindow lasting(int days) {
        return new RenewalWindow(ISSUED, ISSUED.plus(Duration.ofDays(days)));
    }

    @Test
    void theWindowIsSixtyDaysOrThirtyPercentOfTheLifetimeWhicheverIsShorter() {
        assertThat(lasting(395).length()).as("395-day certificates: ACM's documented 60 days").isEqualTo(Duration.ofDays(60));
        assertThat(lasting(198).length().toHours()).as("198-day certificates (SC-081, 2026)").isEqualTo(1425);
        assertThat(lasting(100).length()).as("100-day certificates (2027)").isEqualTo(Duration.ofDays(30));
        assertThat(lasting(47).length().toHours()).as("47-day certificates (2029)").isEqualTo(338);
    }

    @Test
    void aRenewalIsOverdueFromTheMiddleOfTheWindow() {
        RenewalWindow window = lasting(100);

        assertThat(window.opens()).isEqualTo(ISSUED.plus(Duration.ofDays(70)));
        assertThat(window.overdueFrom()).isEqualTo(ISSUED.plus(Duration.ofDays(85)));
        assertThat(window.open(ISSUED.plus(Duration.ofDays(69)))).isFalse();
        assertThat(window.open(ISSUED.plus(Duration.ofDays(70)))).isTrue();
        assertThat(window.overdue(ISSUED.plus(Duration.ofDays(84)))).isFalse();
        assertThat(window.overdue(ISSUED.plus(Duration.ofDays(85)))).isTrue();
    }

    @Test
    void daysToExpiryAreWholeDaysLeftAndNegativeOnceExpired() {
        RenewalWindow window = lasting(198);

        assertThat(window.daysToExpiry(ISSUED)).isEqualTo(198);
        assertThat(window.daysToExpiry(ISSUED.plus(Duration.ofDays(197)).plusSeconds(1))).isZero();
        assertThat(window.expired(ISSUED.plus(Duration.ofDays(198)))).isTrue();
        assertThat(window.daysToExpiry(ISSUED.plus(Duration.ofDays(199)))).isEqualTo(-1);
    }
}
