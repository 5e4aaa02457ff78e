package com.astro.presence.connection;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.ChatInstanceHeartbeat;
import com.astro.common.event.ConnectionChanged;
import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;
import com.astro.common.event.Topics;

/**
 * Connection and heartbeat events from chat-service, consumed once by the shared {@code presence-service}
 * group; each is applied before its offset is committed. Unreadable records are logged and skipped.
 */
@Component
public class ChatEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ChatEventsListener.class);

    /** Longer than any sane Mongo round trips; a hung handler fails and is retried instead of stalling the partition. */
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionTracker tracker;

    public ChatEventsListener(ConnectionTracker tracker) {
        this.tracker = tracker;
    }

    @KafkaListener(topics = Topics.CHAT_CONNECTIONS, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    public void onConnection(String value) {
        ConnectionChanged event = read(value, ConnectionChanged.class);
        if (event != null && event.userId() != null && event.instanceId() != null && event.connectionId() != null) {
            tracker.changed(event).block(HANDLING_TIMEOUT);
        }
    }

    @KafkaListener(topics = Topics.CHAT_HEARTBEATS, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    public void onHeartbeat(String value) {
        ChatInstanceHeartbeat event = read(value, ChatInstanceHeartbeat.class);
        if (event != null && event.instanceId() != null) {
            tracker.heartbeat(event).block(HANDLING_TIMEOUT);
        }
    }

    private static <T extends DomainEvent> T read(String value, Class<T> type) {
        try {
            return EventJson.read(value, type);
        }
        catch (RuntimeException ex) {
            log.warn("skipping unreadable {} record: {}", type.getSimpleName(), ex.getMessage());
            return null;
        }
    }
}
