package com.astro.chat.session;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What chat-service knows of one session, in its own {@code sessions} collection, built from the
 * {@code session-requested}, {@code session-accepted} and {@code session-ended} events in whatever order they
 * arrive. {@code stage} only ever grows (1 requested, 2 accepted, 3 ended), so a late event never undoes a
 * later one and a redelivered one changes nothing.
 */
@Document(ChatSession.COLLECTION)
public record ChatSession(
        @Id String id,
        String userId,
        String astrologerId,
        String sessionType,
        long ratePerMinute,
        int stage,
        Instant expiresAt,
        Instant acceptedAt,
        String channelName,
        Instant endedAt,
        String endReason) {

    static final String COLLECTION = "sessions";

    public static final int REQUESTED = 1;
    public static final int ACCEPTED = 2;
    public static final int ENDED = 3;

    public enum Status {
        PENDING, ACTIVE, ENDED
    }

    public Status status() {
        return switch (stage) {
            case ACCEPTED -> Status.ACTIVE;
            case ENDED -> Status.ENDED;
            default -> Status.PENDING;
        };
    }

    public boolean hasParticipant(String id) {
        return id != null && (id.equals(userId) || id.equals(astrologerId));
    }

    /** The participant who is not {@code participantId} (who is one of the two). */
    public String otherParticipant(String participantId) {
        return participantId.equals(userId) ? astrologerId : userId;
    }

    public boolean isActive() {
        return status() == Status.ACTIVE;
    }

    public boolean isPending() {
        return status() == Status.PENDING;
    }
}
