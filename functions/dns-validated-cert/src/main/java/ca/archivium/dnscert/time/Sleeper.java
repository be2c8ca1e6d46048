package ca.archivium.dnscert.time;

import java.time.Duration;

/**
 * The one way main code waits in-process; tests pass one that records the waits or skips them. Every sleeper main
 * code can make is bounded ({@link #atMost}): a wait longer than the one it was made for is refused.
 *
 * <p>In Lambda only short, bounded waits inside one invocation use it: the response PUT's retries (waits of at most
 * 4 s, 7.75 s together; the attempts' timeouts bring the worst case to
 * {@link ca.archivium.dnscert.cfn.RetrySchedule#worstCaseTotal()}, about 26 s, far below the functions' timeout) and
 * the engine's polls within one step, for validation records (4 s in all) and, in a release, through ACM's
 * not-found window after a request (10 s in all; only a certificate ACM does not know waits it out), each pause at
 * most 1.25 s. Every longer wait of the deployed resource, waiting for issuance or for a certificate still in use,
 * is a Wait state of the state machine, never a sleep. The command line, which has no state machine, plays the
 * definition in its own process ({@code InProcessStateMachine}): its waits are that definition's Wait states and
 * Retry delays, bounded by {@code InProcessStateMachine.LONGEST_WAIT}.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Blocks for at most {@code ceiling} per wait, so that a longer wait (in a function, one that belongs to the state
     * machine) fails loudly as the bug it is instead of holding the thread.
     *
     * @throws IllegalArgumentException from {@link #sleep} for a wait longer than {@code ceiling}
     */
    static Sleeper atMost(Duration ceiling) {
        Durations.requirePositive(ceiling, "ceiling");
        return duration -> {
            if (duration.compareTo(ceiling) > 0) {
                throw new IllegalArgumentException("a wait of " + duration.toMillis() + " ms, where at most "
                    + ceiling.toMillis() + " ms is allowed: longer waits are the state machine's");
            }
            Thread.sleep(duration.toMillis());
        };
    }
}
