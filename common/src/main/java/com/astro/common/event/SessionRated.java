package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's rating of an ended session, and every edit of it: {@code revision} 1 is the rating, each edit (within
 * a day of it) the next number and replaces the earlier stars and review. Keyed by astrologer, so one astrologer's
 * ratings are read in order by whoever keeps their average.
 */
public record SessionRated(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String sessionId,
        String userId,
        String astrologerId,
        SessionType sessionType,
        int stars,
        String review,
        int revision,
        Instant ratedAt) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static SessionRated of(Instant occurredAt, String sessionId, String userId, String astrologerId,
            SessionType sessionType, int stars, String review, int revision, Instant ratedAt) {
        return new SessionRated(UUID.randomUUID().toString(), Topics.SESSION_RATED, SCHEMA_VERSION, occurredAt, sessionId,
                userId, astrologerId, sessionType, stars, review, revision, ratedAt);
    }

    @Override
    public String key() {
        return astrologerId;
    }
}
