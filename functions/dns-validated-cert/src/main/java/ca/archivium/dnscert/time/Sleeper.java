package ca.archivium.dnscert.time;

import java.time.Duration;

/**
 * The one way main code waits in-process; tests pass one that records the waits or skips them.
 *
 * <p>In Lambda only short, bounded waits inside one invocation use it: the response PUT's retries (at most
 * {@link ca.archivium.dnscert.cfn.RetrySchedule#worstCaseTotal()}, about 26 s, far below the functions' timeout;
 * handing a seconds-long retry to Step Functions would mean storing the ResponseURL once more) and the engine's
 * poll for validation records within one step (4 s in all). Every longer wait of the deployed resource, waiting
 * for issuance or for a certificate still in use, is a Wait state of the state machine, never a sleep. The command
 * line, which is not a Lambda function, also waits with it for issuance ({@code provision}, {@code invoke}).
 * The functions get {@link #atMost}, which refuses any wait longer than the one it was made for.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Blocks the calling thread for {@code duration}, however long: the command line's waits for issuance. */
    static Sleeper blocking() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    /**
     * Blocks for at most {@code ceiling} per wait: what a Lambda function is given, so that a longer wait (which
     * belongs to the state machine) fails loudly as the bug it is instead of holding the function.
     *
     * @throws IllegalArgumentException from {@link #sleep} for a wait longer than {@code ceiling}
     */
    static Sleeper atMost(Duration ceiling) {
        Durations.requirePositive(ceiling, "ceiling");
        Sleeper blocking = blocking();
        return duration -> {
            if (duration.compareTo(ceiling) > 0) {
                throw new IllegalArgumentException("a wait of " + duration.toMillis() + " ms inside one step, where at "
                    + "most " + ceiling.toMillis() + " ms is allowed: longer waits are the state machine's");
            }
            blocking.sleep(duration);
        };
    }
}
