package ca.archivium.dnscert.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Lambda function only ever blocks for a short, bounded wait; every longer one is the state machine's. */
class SleeperTest {
    @Test
    void aFunctionsSleeperWaitsUpToItsCeiling() throws InterruptedException {
        Sleeper sleeper = Sleeper.atMost(Duration.ofMillis(5));

        long started = System.nanoTime();
        sleeper.sleep(Duration.ofMillis(5));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it really waited").isGreaterThanOrEqualTo(
            Duration.ofMillis(5));
    }

    @Test
    void aFunctionsSleeperRefusesALongerWaitNamingBoth() {
        Sleeper sleeper = Sleeper.atMost(Duration.ofSeconds(4));

        assertThatThrownBy(() -> sleeper.sleep(Duration.ofSeconds(20))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("20000 ms").hasMessageContaining("at most 4000 ms")
            .hasMessageContaining("state machine");
    }

    @Test
    void theCeilingMustBePositive() {
        assertThatThrownBy(() -> Sleeper.atMost(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ceiling");
    }
}
