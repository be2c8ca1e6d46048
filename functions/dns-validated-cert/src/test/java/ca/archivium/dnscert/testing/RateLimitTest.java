package ca.archivium.dnscert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimit fivePerSecond = new RateLimit(5, RateLimit.PER_ACCESS_KEY, now::get);

    @Test
    void aBurstGetsThroughUpToOneSecondsWorthThenIsThrottled() {
        int admitted = admitted(fivePerSecond, "AKIDA", 8);

        assertThat(admitted).as("requests admitted out of 8 sent at the same instant at 5/s").isEqualTo(5);
        assertThat(fivePerSecond.throttled()).as("requests throttled").isEqualTo(3);
    }

    @Test
    void tokensComeBackAtTheRate() {
        admitted(fivePerSecond, "AKIDA", 5);

        now.addAndGet(400_000_000L);

        assertThat(admitted(fivePerSecond, "AKIDA", 5)).as("requests admitted 0.4 s after emptying a 5/s bucket")
                .isEqualTo(2);
    }

    @Test
    void aQuietPeriodNeverSavesUpMoreThanOneSecondsWorth() {
        now.addAndGet(60_000_000_000L);

        assertThat(admitted(fivePerSecond, "AKIDA", 10)).as("requests admitted after a quiet minute at 5/s")
                .isEqualTo(5);
    }

    @Test
    void eachAccountHasItsOwnBucket() {
        admitted(fivePerSecond, "AKIDA", 5);

        assertThat(admitted(fivePerSecond, "AKIDB", 5)).as("another access key is not slowed by the first")
                .isEqualTo(5);
    }

    @Test
    void aRateBelowOneStillLetsOneRequestThrough() {
        RateLimit slow = new RateLimit(0.5, RateLimit.PER_ACCESS_KEY, now::get);

        assertThat(admitted(slow, "AKIDA", 3)).as("requests admitted at 0.5/s").isEqualTo(1);
        now.addAndGet(2_000_000_000L);
        assertThat(admitted(slow, "AKIDA", 3)).as("requests admitted 2 s later").isEqualTo(1);
    }

    private static int admitted(RateLimit limit, String accessKeyId, int requests) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (limit.admit(request(accessKeyId))) {
                admitted++;
            }
        }
        return admitted;
    }

    private static ProxiedRequest request(String accessKeyId) {
        return new ProxiedRequest("POST", "/", Map.of(), new byte[0],
                new AwsCall("acm", "DescribeCertificate", accessKeyId));
    }
}
