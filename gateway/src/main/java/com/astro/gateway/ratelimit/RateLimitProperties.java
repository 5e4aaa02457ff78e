package com.astro.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.astro.common.ratelimit.Budget;

/**
 * Request budgets of one gateway instance, per caller and route class, bound from
 * {@code astro.gateway.rate-limits.*}, each written {@code capacity/period} ({@code 10/1m}).
 *
 * @param sessionStart {@code POST /api/sessions/start}, per user: each one reserves an astrologer
 * @param writes every other non-GET {@code /api/**} request, per user
 * @param reads {@code GET}/{@code HEAD} on {@code /api/**}, per user
 * @param socketHandshakes new Engine.IO sessions ({@code /socket.io/} without {@code sid}), per client address
 * @param anonymous any other request without a token (e.g. {@code /dev/tokens}), per client address
 * @param maxTrackedCallers how many callers' buckets are kept per class (least recently seen forgotten first)
 */
@ConfigurationProperties("astro.gateway.rate-limits")
record RateLimitProperties(
        @DefaultValue("10/1m") Budget sessionStart,
        @DefaultValue("120/1m") Budget writes,
        @DefaultValue("600/1m") Budget reads,
        @DefaultValue("120/1m") Budget socketHandshakes,
        @DefaultValue("120/1m") Budget anonymous,
        @DefaultValue("100000") long maxTrackedCallers) {
}
