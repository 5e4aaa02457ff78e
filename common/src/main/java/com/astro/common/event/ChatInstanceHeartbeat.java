package com.astro.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sent by every chat-service instance at a fixed interval with every connection it holds.
 * It repairs lost {@link ConnectionChanged} events, and its absence for longer than a few
 * intervals tells presence-service that the instance died with its connections.
 */
public record ChatInstanceHeartbeat(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String instanceId,
        long intervalMillis,
        List<Connection> connections) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    /** One live connection on the instance. */
    public record Connection(String userId, String role, String connectionId) {
    }

    public static ChatInstanceHeartbeat of(Instant occurredAt, String instanceId, long intervalMillis,
            List<Connection> connections) {
        return new ChatInstanceHeartbeat(UUID.randomUUID().toString(), Topics.CHAT_HEARTBEATS, SCHEMA_VERSION,
                occurredAt, instanceId, intervalMillis, List.copyOf(connections));
    }

    @Override
    public String key() {
        return instanceId;
    }
}
