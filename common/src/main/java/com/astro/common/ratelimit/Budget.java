package com.astro.common.ratelimit;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

import io.github.bucket4j.Bucket;

/**
 * A rate limit written {@code capacity/period} in settings ({@code 10/1m}): {@code capacity} actions
 * at once, refilled evenly over {@code period}. The gateway's request budgets and chat's per-socket
 * event budgets are both of this form.
 *
 * @param capacity actions allowed at once (the burst)
 * @param period the time over which a spent capacity is refilled
 */
public record Budget(long capacity, Duration period) {

    public Budget {
        if (capacity < 1 || period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
        }
    }

    /** Reads {@code capacity/period}, e.g. {@code 10/1m} or {@code 600/60s} (Spring's conversion finds it by name). */
    public static Budget valueOf(String text) {
        String[] parts = text.trim().split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a rate limit is written capacity/period, e.g. 10/1m; got '" + text + "'");
        }
        return new Budget(Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
    }

    /** A new, full Bucket4j token bucket with this budget. */
    public Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
    }

    @Override
    public String toString() {
        return capacity + "/" + DurationStyle.SIMPLE.print(period);
    }
}
