package ca.archivium.dnscert.aws;

import ca.archivium.dnscert.time.Durations;
import java.time.Duration;

/**
 * How patient every SDK client is: its attempts, their timeouts and the backoff between them. The product uses
 * {@link #standard()}; tests that drive thousands of faulty calls use a shorter one of the same shape, so that
 * every path (a retry after throttling, an attempt that times out, a call that gives up) is still taken.
 *
 * @param maxAttempts           attempts per call, the first included
 * @param connectTimeout        time allowed to open a connection
 * @param socketTimeout         time allowed between two reads of one answer
 * @param attemptTimeout        time allowed for one attempt, from the request to the whole answer
 * @param callTimeout           time allowed for one call, every attempt and wait included
 * @param backoffBase           first backoff after an error (doubling, full jitter)
 * @param throttlingBackoffBase first backoff after a throttling error (doubling, full jitter)
 * @param maxBackoff            upper bound of any single backoff
 */
public record ClientTiming(int maxAttempts, Duration connectTimeout, Duration socketTimeout, Duration attemptTimeout,
                           Duration callTimeout, Duration backoffBase, Duration throttlingBackoffBase,
                           Duration maxBackoff) {

    public ClientTiming {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(socketTimeout, "socketTimeout");
        Durations.requirePositive(attemptTimeout, "attemptTimeout");
        Durations.requirePositive(callTimeout, "callTimeout");
        Durations.requirePositive(backoffBase, "backoffBase");
        Durations.requirePositive(throttlingBackoffBase, "throttlingBackoffBase");
        Durations.requirePositive(maxBackoff, "maxBackoff");
    }

    /**
     * Six attempts (throttling is expected when many stacks deploy at once: a few more than the SDK's three),
     * 5 s to connect, 20 s per attempt, 60 s per call, the SDK's own backoff: from 100 ms after an error, from 1 s
     * after throttling, at most 20 s. A call that never succeeds gives up within the functions' 180 s timeout.
     */
    public static ClientTiming standard() {
        return new ClientTiming(6, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));
    }
}
