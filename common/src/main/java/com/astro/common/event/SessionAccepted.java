package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The astrologer accepted; the session is active, billing runs from {@code acceptedAt}, calls use {@code channelName}.
 * {@code fundedUntil} is when the user's balance at acceptance stops paying ({@code acceptedAt} plus the minutes it
 * affords): the session ends then unless coins are credited meanwhile. Null when unknown (events from before the field)
 * or when the balance affords more time than anyone could talk.
 */
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
        String channelName,
        Instant fundedUntil) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static SessionAccepted of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, long ratePerMinute, Instant acceptedAt, String channelName) {
        return of(occurredAt, sessionId, userId, astrologerId, sessionType, ratePerMinute, acceptedAt, channelName, null);
    }

    public static SessionAccepted of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, long ratePerMinute, Instant acceptedAt, String channelName, Instant fundedUntil) {
        return new SessionAccepted(UUID.randomUUID().toString(), Topics.SESSION_ACCEPTED, SCHEMA_VERSION, occurredAt,
                sessionId, userId, astrologerId, sessionType, ratePerMinute, acceptedAt, channelName, fundedUntil);
    }

    /** The same event under a stable id, so that a publish repeated after a crash is de-duplicated by consumers. */
    public SessionAccepted withEventId(String id) {
        return new SessionAccepted(id, type, schemaVersion, occurredAt, sessionId, userId, astrologerId, sessionType, ratePerMinute,
                acceptedAt, channelName, fundedUntil);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
