package com.astro.presence.connection;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A chat-service instance as presence-service knows it. {@code lastHeartbeatAt} and {@code expiresAt} are on
 * this service's clock (when a heartbeat was received, and when the instance counts as dead without another);
 * {@code lastReportedAt} is the instance's own time of its latest heartbeat, used only to ignore an older
 * heartbeat delivered late; {@code appliedReportedAt} is the latest heartbeat whose connection list has been fully
 * applied to the astrologers' connection sets.
 */
@Document(ChatInstance.COLLECTION)
record ChatInstance(@Id String id, Instant lastHeartbeatAt, Instant lastReportedAt, long intervalMillis,
        Instant expiresAt, Instant appliedReportedAt) {

    static final String COLLECTION = "chat_instances";
}
