package com.astro.chat.message;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One stored chat message in chat-service's own {@code messages} collection. {@code seq} numbers the messages
 * of a session from 1 without gaps. {@code dedupKey} is {@code c:<clientMessageId>}, or {@code m:<message id>}
 * when the client gave none: a unique index on (sessionId, senderId, dedupKey) makes a repeated
 * clientMessageId store nothing new, without making two messages lacking one collide.
 */
@Document(ChatMessage.COLLECTION)
public record ChatMessage(
        @Id String id,
        String sessionId,
        long seq,
        String senderId,
        String senderRole,
        String text,
        String clientMessageId,
        @JsonIgnore String dedupKey,
        Instant sentAt) {

    static final String COLLECTION = "messages";
}
