package com.astro.session.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionType;

/**
 * A consultation, one document changed only by conditional single-document updates. The ids of its three events
 * are chosen when the state they announce is written, so a re-publish after a crash carries the same event id and
 * consumers de-duplicate it; the {@code *Published} flags say which were acknowledged by Kafka.
 * {@code finalizedAt} is when it entered {@code ending} or {@code ended} (repairs wait a grace period after it).
 * {@code freeMinutes} is how many of the billed minutes the first-session promotion paid, fixed with the bill.
 * {@code lowBalanceRunsOutAt} is the exhaustion point last announced as near ({@code session-balance-ran-low}, whose
 * ids are in {@code lowBalanceEventIds}): the next warning waits until that point moves.
 */
@Document("sessions")
public record Session(
        @Id String id,
        String userId,
        String astrologerId,
        SessionType sessionType,
        long ratePerMinute,
        SessionStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        String acceptedBy,
        String channelName,
        Instant endedAt,
        EndReason endReason,
        String endedBy,
        Long billedMinutes,
        Long coinsCharged,
        Instant finalizedAt,
        String requestedEventId,
        boolean requestedPublished,
        String acceptedEventId,
        boolean acceptedPublished,
        String endedEventId,
        boolean endedPublished,
        Long freeMinutes,
        Instant lowBalanceRunsOutAt,
        List<String> lowBalanceEventIds) {

    /** Who ends a session on its own: expiry and balance exhaustion. */
    static final String SYSTEM = "system";

    /**
     * A user's new request, pending until {@code expiresAt}; the id of its {@code session-requested} is chosen now,
     * so a re-publish after a crash carries the same one.
     */
    static Session requested(String id, String userId, String astrologerId, SessionType sessionType,
            long ratePerMinute, Instant createdAt, Instant expiresAt) {
        return new Session(id, userId, astrologerId, sessionType, ratePerMinute, SessionStatus.PENDING, createdAt,
                expiresAt, null, null, null, null, null, null, null, null, null, UUID.randomUUID().toString(), false,
                null, false, null, false, null, null, null);
    }

    public boolean hasParticipant(String id) {
        return userId.equals(id) || astrologerId.equals(id);
    }

    /** The call channel: unique per session and valid for Agora (at most 64 bytes of {@code [A-Za-z0-9_-]}). */
    static String channelNameFor(String sessionId) {
        return "session_" + sessionId;
    }
}
