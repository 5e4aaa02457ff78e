package com.astro.chat.message;

import java.time.Instant;

import com.astro.common.event.MessageSent;

/** A chat message as clients see it, in {@code message:receive}, acknowledgements and history. */
public record MessageView(
        String id,
        String sessionId,
        long seq,
        String senderId,
        String senderRole,
        String text,
        String clientMessageId,
        Instant sentAt) {

    public static MessageView of(ChatMessage message) {
        return new MessageView(message.id(), message.sessionId(), message.seq(), message.senderId(),
                message.senderRole(), message.text(), message.clientMessageId(), message.sentAt());
    }

    public static MessageView of(MessageSent event) {
        return new MessageView(event.messageId(), event.sessionId(), event.seq(), event.senderId(), event.senderRole(),
                event.text(), event.clientMessageId(), event.sentAt());
    }
}
