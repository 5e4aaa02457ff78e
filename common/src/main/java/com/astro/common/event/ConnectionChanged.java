package com.astro.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A realtime (Socket.IO) connection of a signed-in user opened or closed on a chat-service
 * instance. Presence-service uses these to take an astrologer offline when all their connections
 * are gone.
 */
public record ConnectionChanged(
        String eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        String userId,
        String role,
        String displayName,
        String instanceId,
        String connectionId,
        boolean connected) implements DomainEvent {

    public static final int SCHEMA_VERSION = 1;

    public static ConnectionChanged of(Instant occurredAt, String userId, String role, String displayName,
            String instanceId, String connectionId, boolean connected) {
        return new ConnectionChanged(UUID.randomUUID().toString(), Topics.CHAT_CONNECTIONS, SCHEMA_VERSION, occurredAt,
                userId, role, displayName, instanceId, connectionId, connected);
    }

    @Override
    public String key() {
        return userId;
    }
}
