package com.astro.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * Request budgets of one gateway instance, per caller and route class, bound from
 * {@code astro.gateway.rate-limits.*}. Each budget is a token bucket written {@code capacity/period}
 * ({@code 10/1m}): {@code capacity} requests at once, refilled evenly over {@code period}.
 *
 * @param sessionStart {@code POST /api/sessions/start}, per user: each one reserves an astrologer
 * @param writes every other non-GET {@code /api/**} request, per user
 * @param reads {@code GET}/{@code HEAD} on {@code /api/**}, per user
 * @param socketHandshakes new Engine.IO sessions ({@code /socket.io/} without {@code sid}), per client address
 * @param anonymous any other request without a token (e.g. {@code /dev/tokens}), per client address
 * @param maxTrackedCallers how many callers' buckets are kept per class (least recently seen forgotten first)
 */
@ConfigurationProperties("astro.gateway.rate-limits")
public record RateLimitProperties(
        @DefaultValue("10/1m") Budget sessionStart,
        @DefaultValue("120/1m") Budget writes,
        @DefaultValue("600/1m") Budget reads,
        @DefaultValue("120/1m") Budget socketHandshakes,
        @DefaultValue("120/1m") Budget anonymous,
        @DefaultValue("100000") long maxTrackedCallers) {

    /**
     * @param capacity requests allowed at once (the burst)
     * @param period the time over which a spent capacity is refilled
     */
    public record Budget(long capacity, Duration period) {

        public Budget {
            if (capacity < 1 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
            }
        }

        /** Reads {@code capacity/period}, e.g. {@code 10/1m} or {@code 600/60s} (found by Spring's conversion by name). */
        public static Budget valueOf(String text) {
            String[] parts = text.trim().split("/", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a rate limit is written capacity/period, e.g. 10/1m; got '" + text + "'");
            }
            return new Budget(Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
        }
    }
}
