package com.astro.chat.session;

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

    @KafkaListener(topics = Topics.SESSION_REQUESTED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onRequested(String value) {
        ConsumedEvents.handle(value, SessionEvents.REQUESTED, store::requested);
    }

    @KafkaListener(topics = Topics.SESSION_ACCEPTED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onAccepted(String value) {
        ConsumedEvents.handle(value, SessionEvents.ACCEPTED, store::accepted);
    }

    @KafkaListener(topics = Topics.SESSION_ENDED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onEnded(String value) {
        ConsumedEvents.handle(value, SessionEvents.ENDED, store::ended);
    }
}
