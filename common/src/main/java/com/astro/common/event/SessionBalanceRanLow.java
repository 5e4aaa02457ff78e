package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The user's balance covers at most the configured number of further minutes of an active session. Published once
 * per point at which the balance runs out ({@code runsOutAt}): a credit during the session that moves that point
 * and leaves it still near is announced again. {@code minutesLeft} is how many more minutes can start after the one
 * in progress; {@code balance} the user's balance when it was noticed.
 */
public record SessionBalanceRanLow(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String sessionId,
        String userId,
        String astrologerId,
        long ratePerMinute,
        long balance,
        long minutesLeft,
        Instant runsOutAt) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static SessionBalanceRanLow of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            long ratePerMinute, long balance, long minutesLeft, Instant runsOutAt) {
        return new SessionBalanceRanLow(UUID.randomUUID().toString(), Topics.SESSION_BALANCE_RAN_LOW, SCHEMA_VERSION,
                occurredAt, sessionId, userId, astrologerId, ratePerMinute, balance, minutesLeft, runsOutAt);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
