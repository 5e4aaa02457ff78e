package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/** The astrologer accepted; the session is active, billing runs from {@code acceptedAt}, calls use {@code channelName}. */
public record SessionAccepted(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String sessionId,
        String userId,
        String astrologerId,
        SessionType sessionType,
        long ratePerMinute,
        Instant acceptedAt,
        String channelName) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static SessionAccepted of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, long ratePerMinute, Instant acceptedAt, String channelName) {
        return new SessionAccepted(UUID.randomUUID().toString(), Topics.SESSION_ACCEPTED, SCHEMA_VERSION, occurredAt,
                sessionId, userId, astrologerId, sessionType, ratePerMinute, acceptedAt, channelName);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
