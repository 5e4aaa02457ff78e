package com.astro.chat.realtime;

import java.time.Instant;
import java.util.UUID;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.Topics;

import tools.jackson.databind.JsonNode;

/**
 * A notification for one user's sockets wherever they are connected, on chat-service's own
 * {@value #TOPIC} topic (key: user id). Used where no domain event exists to carry it, e.g. a user asking
 * again for the astrologer to be notified of their pending session.
 */
record ChatRelay(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String userId,
        String event,
        JsonNode payload) implements DomainEvent {

    static final String TOPIC = Topics.CHAT_RELAY;

    static final int SCHEMA_VERSION = 1;

    static ChatRelay of(Instant occurredAt, String userId, String event, JsonNode payload) {
        return new ChatRelay(UUID.randomUUID().toString(), TOPIC, SCHEMA_VERSION, occurredAt, userId, event, payload);
    }

    @Override
    public String key() {
        return userId;
    }
}
