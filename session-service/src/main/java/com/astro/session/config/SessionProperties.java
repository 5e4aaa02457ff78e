package com.astro.session.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session rules, bound from {@code astro.session.*}.
 *
 * @param requestTtl how long a pending session waits for the astrologer before it expires
 * @param minimumMinutes how many minutes at the session's rate the balance must cover to start
 * @param sweepInterval how often every instance expires, exhausts and repairs sessions
 * @param repairGrace how long a half-finished step (a session left in {@code ending}, an unpublished event, a
 *        reservation without an active session) may stay so before the sweeper finishes it; longer than any
 *        request takes, so the sweeper never races a live request
 * @param maxPageSize the largest page {@code GET /api/sessions} answers
 * @param maxCreditCoins the most coins one credit may add
 * @param freeFirstMinutes the platform's promotion: how many minutes of a user's first session cost nothing (0: off)
 * @param lowBalanceMinutes the user (and the astrologer) is warned when the balance covers at most this many more
 *        minutes of an active session
 */
@ConfigurationProperties("astro.session")
public record SessionProperties(
        @DefaultValue("60s") Duration requestTtl,
        @DefaultValue("1") long minimumMinutes,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("30s") Duration repairGrace,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("10000000") long maxCreditCoins,
        @DefaultValue("0") long freeFirstMinutes,
        @DefaultValue("2") long lowBalanceMinutes) {

    public SessionProperties {
        if (freeFirstMinutes < 0 || lowBalanceMinutes < 0) {
            throw new IllegalArgumentException("astro.session.free-first-minutes and low-balance-minutes must be >= 0");
        }
    }
}
