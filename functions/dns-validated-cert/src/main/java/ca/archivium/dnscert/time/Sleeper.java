package ca.archivium.dnscert.time;

import java.time.Duration;

/**
 * The one way main code waits in-process; tests pass one that records the waits or skips them.
 *
 * <p>The waits are all short and bounded: the response PUT's retries (at most
 * {@link ca.archivium.dnscert.cfn.RetrySchedule#worstCaseTotal()}, far below the Lambda timeout; handing a
 * seconds-long retry to Step Functions would mean storing the ResponseURL once more), the engine's few seconds of
 * asking ACM for validation records within one step, and the command line's own wait loop. Waiting for issuance
 * in Lambda is the state machine's job, never a sleep.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Blocks the thread. */
    static Sleeper blocking() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
