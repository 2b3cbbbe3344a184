package io.tradeloop.server.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key token buckets: a key may make {@code rate} requests per second on average and bursts of up to
 * {@code rate × burstSeconds} (at least one). Refill is computed from elapsed time on each request,
 * so there is no timer thread.
 */
public final class RateLimiter {
    private final double burstSeconds;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double burstSeconds) {
        if (!(burstSeconds > 0)) {
            throw new IllegalArgumentException("burstSeconds must be > 0, got " + burstSeconds);
        }
        this.burstSeconds = burstSeconds;
    }

    /**
     * Takes one token from {@code key}'s bucket. Returns 0 when the request may proceed, else the seconds
     * until a token is available (for Retry-After).
     */
    public double acquire(String key, double ratePerSecond, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(capacity(ratePerSecond), nowNanos));
        synchronized (b) {
            double cap = capacity(ratePerSecond);
            b.tokens = Math.min(cap, b.tokens + (nowNanos - b.lastNanos) / 1e9 * ratePerSecond);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return (1 - b.tokens) / ratePerSecond;
        }
    }

    /** Forgets a key's bucket (when the key is revoked). */
    public void forget(String key) {
        buckets.remove(key);
    }

    private double capacity(double rate) {
        return Math.max(1, rate * burstSeconds);
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }
}
