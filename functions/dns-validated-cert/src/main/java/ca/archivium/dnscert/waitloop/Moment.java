package ca.archivium.dnscert.waitloop;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * When a step decides: the time, and the generator its wait's jitter is drawn from.
 *
 * @param epochMs the time of the decision
 * @param jitter  where {@link WaitSchedule} draws the jitter (per environment: see {@code lambda/RestorableRandom})
 */
public record Moment(long epochMs, RandomGenerator jitter) {
    public static Moment of(Clock clock, RandomGenerator jitter) {
        return new Moment(clock.millis(), jitter);
    }
}
