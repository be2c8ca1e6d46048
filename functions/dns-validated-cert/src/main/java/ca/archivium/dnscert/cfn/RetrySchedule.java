package ca.archivium.dnscert.cfn;

import ca.archivium.dnscert.time.Durations;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a response PUT is attempted: how many times, with which timeouts, and the backoff between tries
 * (exponential, capped, with "equal jitter": half the step fixed, half random, so parallel resources
 * spread out but never retry at once).
 *
 * @param maxAttempts    attempts in total, the first included
 * @param connectTimeout time allowed to open the connection
 * @param requestTimeout time allowed for one attempt until the response headers arrive
 * @param firstDelay     upper bound of the wait before the second attempt; doubles for each later one
 * @param maxDelay       upper bound of any single wait
 */
public record RetrySchedule(int maxAttempts, Duration connectTimeout, Duration requestTimeout,
                            Duration firstDelay, Duration maxDelay) {

    public RetrySchedule {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(requestTimeout, "requestTimeout");
        Durations.requirePositive(firstDelay, "firstDelay");
        Durations.requirePositive(maxDelay, "maxDelay");
    }

    /**
     * Six attempts, 2 s to connect, 3 s per attempt (a 4 KiB PUT to S3 takes well under a second), waits
     * of at most 0.25, 0.5, 1, 2 and 4 s: at worst about 26 s in all.
     */
    public static RetrySchedule standard() {
        return new RetrySchedule(6, Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(250), Duration.ofSeconds(4));
    }

    /** The upper bound of the wait before attempt {@code attempt} (2 for the first retry). */
    public Duration delayCeilingBefore(int attempt) {
        int doublings = Math.min(Math.max(attempt - 2, 0), 30);
        Duration ceiling = firstDelay.multipliedBy(1L << doublings);
        return ceiling.compareTo(maxDelay) > 0 ? maxDelay : ceiling;
    }

    /** A wait before attempt {@code attempt}: between half the ceiling and the ceiling. */
    public Duration delayBefore(int attempt) {
        long ceiling = delayCeilingBefore(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** The longest all attempts and waits can take together. */
    public Duration worstCaseTotal() {
        Duration total = requestTimeout.multipliedBy(maxAttempts);
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            total = total.plus(delayCeilingBefore(attempt));
        }
        return total;
    }
}
