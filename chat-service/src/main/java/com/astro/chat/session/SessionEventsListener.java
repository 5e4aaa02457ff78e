package com.astro.chat.session;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;
import com.astro.common.kafka.EventReader;

/**
 * Keeps the session read model complete: the shared {@code chat-service} group reads every session event once,
 * from the oldest record for a new group, so that events published while no chat instance ran are not lost.
 * (Each instance's fan-out consumer applies the same events too, just before notifying, so that a client told
 * "accepted" can join at once; the writes are idempotent.) The offset is committed after the write; a write that
 * fails (Mongo down) is retried until it succeeds, and a record that can never be applied goes to its topic's
 * dead-letter topic (common's error handler).
 */
@Component
public class SessionEventsListener {

    static final String GROUP = "chat-service";

    private static final EventReader<SessionRequested> REQUESTED = EventReader
            .of(SessionRequested.class, SessionRequested.SCHEMA_VERSION)
            .requiring(SessionEvents::valid, "a session-requested without session, parties or type");

    private static final EventReader<SessionAccepted> ACCEPTED = EventReader
            .of(SessionAccepted.class, SessionAccepted.SCHEMA_VERSION)
            .requiring(SessionEvents::valid, "a session-accepted without session, parties or type");

    private static final EventReader<SessionEnded> ENDED = EventReader
            .of(SessionEnded.class, SessionEnded.OLDEST_READABLE_VERSION, SessionEnded.SCHEMA_VERSION)
            .requiring(SessionEvents::valid, "a session-ended without session or parties");

    private final SessionStore store;

    public SessionEventsListener(SessionStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.SESSION_REQUESTED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onRequested(String value) {
        ConsumedEvents.handle(value, REQUESTED, store::requested);
    }

    @KafkaListener(topics = Topics.SESSION_ACCEPTED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onAccepted(String value) {
        ConsumedEvents.handle(value, ACCEPTED, store::accepted);
    }

    @KafkaListener(topics = Topics.SESSION_ENDED, groupId = GROUP, properties = "auto.offset.reset=earliest")
    public void onEnded(String value) {
        ConsumedEvents.handle(value, ENDED, store::ended);
    }
}
