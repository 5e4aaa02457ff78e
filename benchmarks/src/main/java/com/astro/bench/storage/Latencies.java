package com.astro.bench.storage;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Latency samples (nanoseconds) recorded from many threads into a fixed array; exact nearest-rank percentiles. */
final class Latencies {

    private final long[] nanos;

    private final AtomicInteger size = new AtomicInteger();

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long value) {
        int i = size.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = value;
        }
    }

    int count() {
        return Math.min(size.get(), nanos.length);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }

    /** count, mean, p50, p90, p99, p99.9, max in milliseconds (0.001 ms resolution). */
    Map<String, Object> summary() {
        long[] sorted = Arrays.copyOf(nanos, count());
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", sorted.length);
        if (sorted.length == 0) {
            return out;
        }
        out.put("mean", ms(Arrays.stream(sorted).average().orElse(Double.NaN)));
        out.put("p50", ms(percentile(sorted, 50)));
        out.put("p90", ms(percentile(sorted, 90)));
        out.put("p99", ms(percentile(sorted, 99)));
        out.put("p999", ms(percentile(sorted, 99.9)));
        out.put("max", ms(sorted[sorted.length - 1]));
        return out;
    }

    static double ms(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
