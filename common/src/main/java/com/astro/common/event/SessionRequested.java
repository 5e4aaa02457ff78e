package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/** A user asked an astrologer for a session; it is pending until accepted, rejected, cancelled or expired. */
public record SessionRequested(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String sessionId,
        String userId,
        String astrologerId,
        SessionType sessionType,
        long ratePerMinute,
        Instant expiresAt) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static SessionRequested of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, long ratePerMinute, Instant expiresAt) {
        return new SessionRequested(UUID.randomUUID().toString(), Topics.SESSION_REQUESTED, SCHEMA_VERSION, occurredAt,
                sessionId, userId, astrologerId, sessionType, ratePerMinute, expiresAt);
    }

    /** The same event under a stable id, so that a publish repeated after a crash is de-duplicated by consumers. */
    public SessionRequested withEventId(String id) {
        return new SessionRequested(id, type, schemaVersion, occurredAt, sessionId, userId, astrologerId, sessionType, ratePerMinute, expiresAt);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
