package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The final outcome of a session, published exactly once per session. {@code acceptedAt} and
 * {@code channelName} are null for sessions that never became active; those bill nothing.
 * {@code freeMinutes} of the billed minutes were free (the first-session promotion), so
 * {@code coinsCharged = (billedMinutes - freeMinutes) × ratePerMinute}. Version 2 added the reason
 * {@link EndReason#ASTROLOGER_LEFT} and {@code freeMinutes}; a version 1 record reads with 0 free minutes.
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
        String channelName,
        Long freeMinutes) implements DomainEvent {

    /** A version 1 record has no {@code freeMinutes}: none were free. */
    public SessionEnded {
        freeMinutes = freeMinutes == null ? 0L : freeMinutes;
    }

    public static final int SCHEMA_VERSION = 2;

    /** Consumers read every version from this one up to {@link #SCHEMA_VERSION}: version 2 only added to 1. */
    public static final int OLDEST_READABLE_VERSION = 1;

    public static SessionEnded of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, EndReason reason, String endedBy, Instant acceptedAt, Instant endedAt,
            long ratePerMinute, long billedMinutes, long coinsCharged, String channelName) {
        return new SessionEnded(UUID.randomUUID().toString(), Topics.SESSION_ENDED, SCHEMA_VERSION, occurredAt,
                sessionId, userId, astrologerId, sessionType, reason, endedBy, acceptedAt, endedAt, ratePerMinute,
                billedMinutes, coinsCharged, channelName, 0L);
    }

    /** An end with {@code freeMinutes} of the billed minutes free (the first-session promotion). */
    public SessionEnded withFreeMinutes(long free) {
        return new SessionEnded(eventId, type, schemaVersion, occurredAt, sessionId, userId, astrologerId, sessionType,
                reason, endedBy, acceptedAt, endedAt, ratePerMinute, billedMinutes, coinsCharged, channelName, free);
    }

    /** The same event under a stable id, so that a publish repeated after a crash is de-duplicated by consumers. */
    public SessionEnded withEventId(String id) {
        return new SessionEnded(id, type, schemaVersion, occurredAt, sessionId, userId, astrologerId, sessionType, reason, endedBy,
                acceptedAt, endedAt, ratePerMinute, billedMinutes, coinsCharged, channelName, freeMinutes);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
