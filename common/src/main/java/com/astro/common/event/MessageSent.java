package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/** A chat message was stored; {@code seq} orders the messages of one session, starting at 1 with no gaps. */
public record MessageSent(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String messageId,
        String sessionId,
        long seq,
        String senderId,
        String senderRole,
        String text,
        String clientMessageId,
        Instant sentAt) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static MessageSent of(Instant occurredAt, String messageId, String sessionId, long seq, String senderId,
            String senderRole, String text, String clientMessageId, Instant sentAt) {
        return new MessageSent(UUID.randomUUID().toString(), Topics.MESSAGE_SENT, SCHEMA_VERSION, occurredAt,
                messageId, sessionId, seq, senderId, senderRole, text, clientMessageId, sentAt);
    }

    /** The same event under a stable id, so that a publish repeated after a crash is de-duplicated by consumers. */
    public MessageSent withEventId(String id) {
        return new MessageSent(id, type, schemaVersion, occurredAt, messageId, sessionId, seq, senderId, senderRole, text,
                clientMessageId, sentAt);
    }

    @Override
    public String key() {
        return sessionId;
    }
}
