package com.astro.presence.connection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.ChatInstanceHeartbeat;
import com.astro.common.event.ConnectionChanged;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;
import com.astro.common.kafka.EventReader;

/**
 * Connection and heartbeat events from chat-service, consumed once by the shared {@code presence-service}
 * group; each is applied before its offset is committed. A failing change is retried until it succeeds; a record
 * that can never be applied goes to the topic's dead-letter topic (common's error handler).
 */
@Component
class ChatEventsListener {

    private static final EventReader<ConnectionChanged> CONNECTION = EventReader
            .of(ConnectionChanged.class, ConnectionChanged.SCHEMA_VERSION)
            .requiring(event -> event.userId() != null && event.instanceId() != null && event.connectionId() != null,
                    "a chat-connections event without user, instance or connection");

    private static final EventReader<ChatInstanceHeartbeat> HEARTBEAT = EventReader
            .of(ChatInstanceHeartbeat.class, ChatInstanceHeartbeat.SCHEMA_VERSION)
            .requiring(event -> event.instanceId() != null, "a chat-heartbeats event without instance");

    private final ConnectionTracker tracker;

    ChatEventsListener(ConnectionTracker tracker) {
        this.tracker = tracker;
    }

    /** Its topics on one consumer, dispatched by topic (why: {@link ConsumedEvents#unexpected}). */
    @KafkaListener(topics = { Topics.CHAT_CONNECTIONS, Topics.CHAT_HEARTBEATS },
            groupId = "${spring.kafka.consumer.group-id:presence-service}")
    void on(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.CHAT_CONNECTIONS -> ConsumedEvents.handle(record.value(), CONNECTION, tracker::changed);
            case Topics.CHAT_HEARTBEATS -> ConsumedEvents.handle(record.value(), HEARTBEAT, tracker::heartbeat);
            default -> throw ConsumedEvents.unexpected(record);
        }
    }
}
