package ca.archivium.dnscert.lifecycle;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * When a step decides: the time, and the generator its wait's jitter is drawn from.
 *
 * @param epochMs the time of the decision
 * @param jitter  where {@link WaitSchedule} draws the jitter (per environment: see {@code lambda/RestorableRandom})
 */
record Moment(long epochMs, RandomGenerator jitter) {
    static Moment of(Clock clock, RandomGenerator jitter) {
        return new Moment(clock.millis(), jitter);
    }
}
