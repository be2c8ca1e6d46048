package ca.archivium.dnscert.testing.conformance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time of the emulated AWS: the real time since the layer started, plus every wait a test skipped. A test whose
 * sleeper or clock jumps over a wait instead of sleeping ({@code duration -> {}}, a {@code ManualClock}) reports the
 * jump here, so ACM's delays (a certificate found only seconds after it was requested, its records later still)
 * pass as they would have had the product really waited. Processes that really sleep need nothing: real time moves.
 */
public final class AwsTime {
    private final long origin = System.nanoTime();
    private final AtomicLong skippedNanos = new AtomicLong();

    /** How long AWS has been running: real time plus skipped waits. */
    public Duration now() {
        return Duration.ofNanos(System.nanoTime() - origin + skippedNanos.get());
    }

    /** A wait the caller skipped instead of sleeping: AWS's time moves on by as much. */
    public void elapse(Duration skipped) {
        if (skipped.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + skipped);
        }
        skippedNanos.addAndGet(skipped.toNanos());
    }
}
