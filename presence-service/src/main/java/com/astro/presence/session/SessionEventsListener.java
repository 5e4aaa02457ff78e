package com.astro.presence.session;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;

/**
 * Session events, consumed once per event by the shared {@code presence-service} group. Handling blocks the
 * listener thread on purpose: the offset is committed only after the change is stored and published, and
 * events of one partition are applied in order. A failing change is retried until it succeeds; a record that can
 * never be applied goes to the topic's dead-letter topic (common's error handler).
 */
@Component
public class SessionEventsListener {

    private final BusyTracker busy;

    public SessionEventsListener(BusyTracker busy) {
        this.busy = busy;
    }

    @KafkaListener(topics = Topics.SESSION_ACCEPTED, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    public void onAccepted(String value) {
        SessionAccepted event = ConsumedEvents.read(value, SessionAccepted.class, SessionAccepted.SCHEMA_VERSION);
        ConsumedEvents.require(event.astrologerId() != null && event.sessionId() != null,
                "a session-accepted without session or astrologer");
        ConsumedEvents.await(busy.accepted(event));
    }

    @KafkaListener(topics = Topics.SESSION_ENDED, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    public void onEnded(String value) {
        SessionEnded event = ConsumedEvents.read(value, SessionEnded.class,
                SessionEnded.OLDEST_READABLE_VERSION, SessionEnded.SCHEMA_VERSION);
        ConsumedEvents.require(event.astrologerId() != null && event.sessionId() != null,
                "a session-ended without session or astrologer");
        ConsumedEvents.await(busy.ended(event));
    }
}
