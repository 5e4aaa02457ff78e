package com.astro.presence.session;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;
import com.astro.common.kafka.EventReader;

/**
 * Session events, consumed once per event by the shared {@code presence-service} group. Handling blocks the
 * listener thread on purpose: the offset is committed only after the change is stored and published, and
 * events of one partition are applied in order. A failing change is retried until it succeeds; a record that can
 * never be applied goes to the topic's dead-letter topic (common's error handler).
 */
@Component
class SessionEventsListener {

    private static final EventReader<SessionAccepted> ACCEPTED = EventReader
            .of(SessionAccepted.class, SessionAccepted.SCHEMA_VERSION)
            .requiring(event -> event.astrologerId() != null && event.sessionId() != null,
                    "a session-accepted without session or astrologer");

    private static final EventReader<SessionEnded> ENDED = EventReader
            .of(SessionEnded.class, SessionEnded.OLDEST_READABLE_VERSION, SessionEnded.SCHEMA_VERSION)
            .requiring(event -> event.astrologerId() != null && event.sessionId() != null,
                    "a session-ended without session or astrologer");

    private final BusyTracker busy;

    SessionEventsListener(BusyTracker busy) {
        this.busy = busy;
    }

    /** Its topics on one consumer, dispatched by topic (why: {@link ConsumedEvents#unexpected}). */
    @KafkaListener(topics = { Topics.SESSION_ACCEPTED, Topics.SESSION_ENDED },
            groupId = "${spring.kafka.consumer.group-id:presence-service}")
    void on(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.SESSION_ACCEPTED -> ConsumedEvents.handle(record.value(), ACCEPTED, busy::accepted);
            case Topics.SESSION_ENDED -> ConsumedEvents.handle(record.value(), ENDED, busy::ended);
            default -> throw ConsumedEvents.unexpected(record);
        }
    }
}
