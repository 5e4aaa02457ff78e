package com.astro.chat.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.Topics;

/**
 * Keeps the session read model complete: the shared {@code chat-service} group reads every session event once,
 * from the oldest record for a new group, so that events published while no chat instance ran are not lost.
 * (Each instance's fan-out consumer applies the same events too, just before notifying, so that a client told
 * "accepted" can join at once; the writes are idempotent.) The offset is committed after the write.
 */
@Component
public class SessionEventsListener {

    private static final Logger log = LoggerFactory.getLogger(SessionEventsListener.class);

    static final String GROUP = "chat-service";

    private final SessionStore store;

    public SessionEventsListener(SessionStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.SESSION_REQUESTED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onRequested(String value) {
        SessionRequested event = read(value, SessionRequested.class);
        if (SessionEvents.valid(event)) {
            store.requested(event).block();
        }
    }

    @KafkaListener(topics = Topics.SESSION_ACCEPTED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onAccepted(String value) {
        SessionAccepted event = read(value, SessionAccepted.class);
        if (SessionEvents.valid(event)) {
            store.accepted(event).block();
        }
    }

    @KafkaListener(topics = Topics.SESSION_ENDED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onEnded(String value) {
        SessionEnded event = read(value, SessionEnded.class);
        if (SessionEvents.valid(event)) {
            store.ended(event).block();
        }
    }

    static <T extends DomainEvent> T read(String value, Class<T> type) {
        try {
            return EventJson.read(value, type);
        }
        catch (RuntimeException ex) {
            log.warn("skipping unreadable {} record: {}", type.getSimpleName(), ex.getMessage());
            return null;
        }
    }
}
