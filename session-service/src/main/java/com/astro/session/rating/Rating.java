package com.astro.session.rating;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.astro.common.event.SessionType;

/**
 * The user's rating of one session, keyed by the session id (so there is at most one per session). {@code revision}
 * is 1 when rated and grows with each edit; edits are allowed until {@code ratedAt} plus 24 hours.
 */
@Document("session_ratings")
record Rating(@Id String sessionId, String userId, String astrologerId, SessionType sessionType, int stars,
        String review, int revision, Instant ratedAt, Instant editedAt) {
}
