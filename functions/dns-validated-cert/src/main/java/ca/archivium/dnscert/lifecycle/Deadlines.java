package ca.archivium.dnscert.lifecycle;

import ca.archivium.dnscert.cfn.CfnRequest;
import ca.archivium.dnscert.cfn.ResponseUrlDates;
import ca.archivium.dnscert.failure.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the resource must stop waiting and answer. Pure.
 *
 * <p>CloudFormation waits {@code ServiceTimeout} from when it sent the request, not from when the function started:
 * Lambda invokes the function asynchronously and retries a failed invocation later (minutes, or hours while the
 * event's maximum age allows), so a handler can start long after the request was sent. When it was sent is the
 * ResponseURL's signing time ({@link ResponseUrlDates}); without one, the arrival stands in for it.
 */
final class Deadlines {
    private Deadlines() {
    }

    /**
     * {@code ServiceTimeout} after the request was sent, less a margin for the last look and the answer to reach
     * CloudFormation: a tenth of the timeout, between 5 and 60 seconds.
     */
    static long deadline(long sentEpochMs, Duration serviceTimeout) {
        return sentEpochMs + Math.max(0, serviceTimeout.toMillis() - margin(serviceTimeout));
    }

    /**
     * When CloudFormation sent the request: its ResponseURL's signing time ({@code X-Amz-Date}), or its arrival when
     * the URL has none, or one later than the arrival (the clocks disagree; the earlier time is the safer one).
     */
    static long sentEpochMs(CfnRequest request, long receivedEpochMs) {
        return ResponseUrlDates.of(request.responseUrl()).signedAt().map(Instant::toEpochMilli)
            .filter(signed -> signed <= receivedEpochMs).orElse(receivedEpochMs);
    }

    /**
     * Why a request that arrived at {@code receivedEpochMs} comes too late to be worked on: its deadline had passed,
     * or (for a ResponseURL that gives only its end) the URL was about to expire. Empty when there is time.
     */
    static Optional<Failure> tooLate(CfnRequest request, long receivedEpochMs) {
        ResponseUrlDates dates = ResponseUrlDates.of(request.responseUrl());
        Duration timeout = request.serviceTimeout();
        long sent = sentEpochMs(request, receivedEpochMs);
        if (dates.signedAt().isPresent() && receivedEpochMs >= deadline(sent, timeout)) {
            return Optional.of(Failure.arrivedAfterDeadline((receivedEpochMs - sent) / 1000, Instant.ofEpochMilli(sent),
                timeout.toSeconds()));
        }
        if (dates.signedAt().isEmpty() && dates.expiresAt().isPresent()
            && receivedEpochMs >= dates.expiresAt().get().toEpochMilli() - margin(timeout)) {
            return Optional.of(Failure.arrivedAsUrlExpired(dates.expiresAt().get()));
        }
        return Optional.empty();
    }

    private static long margin(Duration serviceTimeout) {
        return Math.min(60_000, Math.max(5_000, serviceTimeout.toMillis() / 10));
    }
}
