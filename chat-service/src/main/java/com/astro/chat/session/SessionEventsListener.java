package com.astro.chat.session;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;

/**
 * Keeps the session read model complete: the shared {@code chat-service} group reads every session event once,
 * from the oldest record for a new group, so that events published while no chat instance ran are not lost.
 * (Each instance's fan-out consumer applies the same events too, just before notifying, so that a client told
 * "accepted" can join at once; the writes are idempotent.) The offset is committed after the write; a write that
 * fails (Mongo down) is retried until it succeeds, and a record that can never be applied goes to its topic's
 * dead-letter topic (common's error handler).
 */
@Component
class SessionEventsListener {

    static final String GROUP = "chat-service";

    private final SessionStore store;

    SessionEventsListener(SessionStore store) {
        this.store = store;
    }

    /** Its topics on one consumer, dispatched by topic (why: {@link ConsumedEvents#unexpected}). */
    @KafkaListener(topics = { Topics.SESSION_REQUESTED, Topics.SESSION_ACCEPTED, Topics.SESSION_ENDED },
            groupId = GROUP, properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.SESSION_REQUESTED ->
                ConsumedEvents.handle(record.value(), SessionEvents.REQUESTED, store::requested);
            case Topics.SESSION_ACCEPTED ->
                ConsumedEvents.handle(record.value(), SessionEvents.ACCEPTED, store::accepted);
            case Topics.SESSION_ENDED ->
                ConsumedEvents.handle(record.value(), SessionEvents.ENDED, store::ended);
            default -> throw ConsumedEvents.unexpected(record);
        }
    }
}
