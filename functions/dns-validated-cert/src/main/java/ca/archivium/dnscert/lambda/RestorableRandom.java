package ca.archivium.dnscert.lambda;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The functions' random numbers (the wait loop's jitter). A SnapStart snapshot freezes a generator's state, so every
 * environment restored from one snapshot would draw the same numbers and many stacks would poll ACM in step;
 * {@link #reseed()} runs after each restore (see {@link Priming}) and draws a fresh seed from the operating system.
 */
final class RestorableRandom implements RandomGenerator {
    private volatile SplittableRandom generator;

    RestorableRandom(long seed) {
        this.generator = new SplittableRandom(seed);
    }

    /** Seeded from the operating system's entropy. */
    static RestorableRandom seeded() {
        RestorableRandom random = new RestorableRandom(0);
        random.reseed();
        return random;
    }

    /** A new seed from the operating system: a new SecureRandom reads fresh entropy, also after a restore. */
    void reseed() {
        generator = new SplittableRandom(new SecureRandom().nextLong());
    }

    @Override
    public long nextLong() {
        return generator.nextLong();
    }
}
