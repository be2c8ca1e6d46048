package ca.archivium.dnscert.lifecycle;

import java.time.Duration;

/** When the resource must stop waiting and answer. Pure. */
final class Deadlines {
    private Deadlines() {
    }

    /**
     * {@code ServiceTimeout} after the request arrived, less a margin for the last look and the answer to reach
     * CloudFormation: a tenth of the timeout, between 5 and 60 seconds.
     */
    static long deadline(long receivedEpochMs, Duration serviceTimeout) {
        long margin = Math.min(60_000, Math.max(5_000, serviceTimeout.toMillis() / 10));
        return receivedEpochMs + Math.max(0, serviceTimeout.toMillis() - margin);
    }
}
