package com.astro.token.call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;

import reactor.core.publisher.Mono;

/**
 * Session events, consumed once per event by the shared {@code token-service} group. Handling blocks the
 * listener thread on purpose: the offset is committed only after the change is stored. Unreadable or
 * incomplete records are logged and skipped; an end of a session that never became active (no channel) is
 * skipped too, since no call can exist for it.
 */
@Component
public class SessionEventsListener {

    private static final Logger log = LoggerFactory.getLogger(SessionEventsListener.class);

    private final CallSessionStore store;

    public SessionEventsListener(CallSessionStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.SESSION_ACCEPTED, groupId = "${spring.kafka.consumer.group-id:token-service}")
    public void onAccepted(String value) {
        SessionAccepted event = read(value, SessionAccepted.class);
        if (event == null || event.sessionId() == null || event.channelName() == null) {
            return;
        }
        apply(event, store.accepted(event.sessionId(), event.channelName(), event.userId(), event.astrologerId(),
                event.acceptedAt()));
    }

    @KafkaListener(topics = Topics.SESSION_ENDED, groupId = "${spring.kafka.consumer.group-id:token-service}")
    public void onEnded(String value) {
        SessionEnded event = read(value, SessionEnded.class);
        if (event == null || event.sessionId() == null || event.channelName() == null) {
            return;
        }
        apply(event, store.ended(event.sessionId(), event.channelName(), event.userId(), event.astrologerId(),
                event.acceptedAt(), event.endedAt() != null ? event.endedAt() : event.occurredAt()));
    }

    private static void apply(DomainEvent event, Mono<Void> change) {
        try {
            change.block();
        }
        catch (DuplicateKeyException ex) {
            // another session already holds this channel name; retrying cannot help, and granting either
            // session's participants the other's channel would be wrong, so the record is skipped loudly
            log.error("skipping {} for session {}: its channel name belongs to another session", event.getClass()
                    .getSimpleName(), event.key());
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
