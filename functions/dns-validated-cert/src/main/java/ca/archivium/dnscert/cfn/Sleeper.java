package ca.archivium.dnscert.cfn;

import java.time.Duration;

/** Waits between delivery attempts; tests pass one that only records the waits. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Blocks the thread. The response PUT is the one place main code may wait in-process: the retries
     * are few and bounded by {@link RetrySchedule#worstCaseTotal()}, far below the Lambda timeout, and
     * handing a seconds-long retry to Step Functions would mean storing the ResponseURL once more.
     */
    static Sleeper blocking() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
