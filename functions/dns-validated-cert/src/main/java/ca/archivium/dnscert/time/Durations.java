package ca.archivium.dnscert.time;

import java.time.Duration;

/** Checks shared by the records that hold timeouts and waits. */
public final class Durations {
    private Durations() {
    }

    /** @throws IllegalArgumentException naming {@code name} when {@code value} is missing, zero or negative */
    public static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
    }
}
