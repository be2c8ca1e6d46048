package ca.archivium.dnscert.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A published AWS request rate, enforced by a {@link FaultProxy} rule ({@link FaultRule#throttleBeyond}): one token
 * bucket per key (an account's access key, say), refilled at {@code perSecond} and holding at most one second's worth,
 * so a burst gets through up to the rate and everything beyond is throttled.
 */
public final class RateLimit {

    /** Requests signed with one access key share a bucket: a per-account rate. */
    public static final Function<ProxiedRequest, String> PER_ACCESS_KEY = request -> request.call().accessKeyId();

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final Function<ProxiedRequest, String> key;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();

    RateLimit(double perSecond, Function<ProxiedRequest, String> key, LongSupplier nanoTime) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a rate must be positive, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.key = key;
        this.nanoTime = nanoTime;
    }

    /** At most {@code perSecond} requests a second for each key. */
    public static RateLimit perSecond(double perSecond, Function<ProxiedRequest, String> key) {
        return new RateLimit(perSecond, key, System::nanoTime);
    }

    /** Requests refused so far. */
    public int throttled() {
        return throttled.get();
    }

    /** True, and a token is spent, when the request is within the rate; false (and counted) when it is beyond. */
    boolean admit(ProxiedRequest request) {
        boolean admitted = buckets.computeIfAbsent(key.apply(request), k -> new Bucket(nanoTime.getAsLong()))
                .take(nanoTime.getAsLong());
        if (!admitted) {
            throttled.incrementAndGet();
        }
        return admitted;
    }

    private final class Bucket {
        private double tokens = Math.max(1, perSecond);
        private long refilledAt;

        Bucket(long now) {
            refilledAt = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(Math.max(1, perSecond), tokens + (now - refilledAt) / NANOS_PER_SECOND * perSecond);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
