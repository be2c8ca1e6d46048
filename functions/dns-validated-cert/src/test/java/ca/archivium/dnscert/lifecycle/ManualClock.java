package ca.archivium.dnscert.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A clock that moves only when the test moves it, so deadlines can pass without anybody sleeping. */
public final class ManualClock extends Clock {
    private final AtomicLong millis;
    private final Consumer<Duration> alsoMoves;

    public ManualClock(Instant start) {
        this(start, duration -> { });
    }

    /**
     * A clock that moves {@code alsoMoves} on by every step it takes: the emulated AWS's time, so that what AWS does
     * some seconds after a request (the conformance layer's ACM delays) has happened once the clock passed them.
     */
    public ManualClock(Instant start, Consumer<Duration> alsoMoves) {
        this.millis = new AtomicLong(start.toEpochMilli());
        this.alsoMoves = alsoMoves;
    }

    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
        alsoMoves.accept(duration);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the lifecycle only reads instants");
    }
}
