package com.astro.token.call;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What this service knows of one session's call, in its own {@code call_sessions} collection, keyed by
 * session id and looked up by its unique {@code channelName}. Built from {@code session-accepted} and
 * {@code session-ended} in whatever order they arrive: once ended, always ended. {@code fundedUntil} is when the
 * user's balance at acceptance stops paying (null when the event did not say).
 */
@Document(CallSession.COLLECTION)
record CallSession(
        @Id String id,
        String channelName,
        String userId,
        String astrologerId,
        Status status,
        Instant acceptedAt,
        Instant endedAt,
        Instant fundedUntil) {

    static final String COLLECTION = "call_sessions";

    static final String CHANNEL_NAME = "channelName";
    static final String USER_ID = "userId";
    static final String ASTROLOGER_ID = "astrologerId";
    static final String STATUS = "status";
    static final String ACCEPTED_AT = "acceptedAt";
    static final String ENDED_AT = "endedAt";
    static final String FUNDED_UNTIL = "fundedUntil";

    enum Status {
        ACTIVE, ENDED
    }

    boolean hasParticipant(String id) {
        return id != null && (id.equals(userId) || id.equals(astrologerId));
    }

    boolean isActive() {
        return status == Status.ACTIVE;
    }
}
