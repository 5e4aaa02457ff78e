package com.astro.presence.session;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.EventJson;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;

/**
 * Session events, consumed once per event by the shared {@code presence-service} group. Handling blocks the
 * listener thread on purpose: the offset is committed only after the change is stored and published, and
 * events of one partition are applied in order. Unreadable records are logged and skipped.
 */
@Component
public class SessionEventsListener {

    private static final Logger log = LoggerFactory.getLogger(SessionEventsListener.class);

    /** Longer than any sane Mongo round trips; a hung handler fails and is retried instead of stalling the partition. */
    private static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private final BusyTracker busy;

    public SessionEventsListener(BusyTracker busy) {
        this.busy = busy;
    }

    @KafkaListener(topics = Topics.SESSION_ACCEPTED, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    public void onAccepted(String value) {
        SessionAccepted event = read(value, SessionAccepted.class);
        if (event != null && event.astrologerId() != null && event.sessionId() != null) {
            busy.accepted(event).block(HANDLING_TIMEOUT);
        }
    }

    @KafkaListener(topics = Topics.SESSION_ENDED, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    public void onEnded(String value) {
        SessionEnded event = read(value, SessionEnded.class);
        if (event != null && event.astrologerId() != null && event.sessionId() != null) {
            busy.ended(event).block(HANDLING_TIMEOUT);
        }
    }

    private static <T extends com.astro.common.event.DomainEvent> T read(String value, Class<T> type) {
        try {
            return EventJson.read(value, type);
        }
        catch (RuntimeException ex) {
            log.warn("skipping unreadable {} record: {}", type.getSimpleName(), ex.getMessage());
            return null;
        }
    }
}
