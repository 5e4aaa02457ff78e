package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The final outcome of a session, published exactly once per session. {@code acceptedAt} and
 * {@code channelName} are null for sessions that never became active; those bill nothing.
 */
public record SessionEnded(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String sessionId,
        String userId,
        String astrologerId,
        SessionType sessionType,
        EndReason reason,
        String endedBy,
        Instant acceptedAt,
        Instant endedAt,
        long ratePerMinute,
        long billedMinutes,
        long coinsCharged,
        String channelName) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static SessionEnded of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, EndReason reason, String endedBy, Instant acceptedAt, Instant endedAt,
            long ratePerMinute, long billedMinutes, long coinsCharged, String channelName) {
        return new SessionEnded(UUID.randomUUID().toString(), Topics.SESSION_ENDED, SCHEMA_VERSION, occurredAt,
                sessionId, userId, astrologerId, sessionType, reason, endedBy, acceptedAt, endedAt, ratePerMinute,
                billedMinutes, coinsCharged, channelName);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
