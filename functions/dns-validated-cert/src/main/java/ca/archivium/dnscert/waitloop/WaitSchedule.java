package ca.archivium.dnscert.waitloop;

import java.util.random.RandomGenerator;

/**
 * How long to wait before the next look. Pure. Validation usually completes within a few minutes of the
 * records appearing, so the loop looks often at first and backs off to a ceiling; jitter keeps many
 * resources created together from polling ACM in lock-step (DescribeCertificate is rate-limited per account).
 */
public final class WaitSchedule {
    static final int FIRST_SECONDS = 5;
    static final int STEP_SECONDS = 2;
    static final int CEILING_SECONDS = 20;
    /** The longest wait the schedule gives: its ceiling at the top of the jitter (+20 %). */
    public static final int LONGEST_SECONDS = (int) Math.round(CEILING_SECONDS * 1.2);

    private WaitSchedule() {
    }

    /**
     * Seconds to wait before look number {@code look} (0-based), never past the deadline.
     *
     * @param remainingMs time left before the deadline
     */
    public static int secondsBefore(int look, long remainingMs, RandomGenerator random) {
        int base = Math.min(CEILING_SECONDS, FIRST_SECONDS + STEP_SECONDS * look);
        double jitter = 0.8 + 0.4 * random.nextDouble();
        int seconds = (int) Math.max(1, Math.round(base * jitter));
        int remaining = (int) Math.max(1, remainingMs / 1000);
        return Math.min(seconds, remaining);
    }
}
