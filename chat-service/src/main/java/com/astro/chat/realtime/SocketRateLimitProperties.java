package com.astro.chat.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.astro.common.ratelimit.Budget;

/**
 * Event budgets of each socket, bound from {@code astro.chat.rate-limits.*}, each written
 * {@code capacity/period} ({@code 20/10s}: 20 at once, refilled evenly over 10 s).
 *
 * @param messageSend {@code message:send}
 * @param sessionRequest {@code session:request} (each one notifies the astrologer again)
 * @param presence {@code presence:on}, {@code presence:off} (each calls presence-service) and {@code auth:refresh}
 *        (each verifies a token signature) together
 * @param joinSession {@code join-session} (each may replay a session's missed messages)
 * @param messageRead {@code message:read} (each reads and writes a read position and may relay a receipt)
 * @param refusals {@code rate_limited} refusals a socket may collect; one past them disconnects it
 */
@ConfigurationProperties("astro.chat.rate-limits")
record SocketRateLimitProperties(
        @DefaultValue("20/10s") Budget messageSend,
        @DefaultValue("5/1m") Budget sessionRequest,
        @DefaultValue("10/1m") Budget presence,
        @DefaultValue("30/1m") Budget joinSession,
        @DefaultValue("60/10s") Budget messageRead,
        @DefaultValue("20/1m") Budget refusals) {
}
