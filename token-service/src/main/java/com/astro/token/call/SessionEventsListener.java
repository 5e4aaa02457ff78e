package com.astro.token.call;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;
import com.astro.common.kafka.EventReader;
import com.astro.common.kafka.UnprocessableEventException;

import reactor.core.publisher.Mono;

/**
 * Session events, consumed once per event by the shared {@code token-service} group. Handling blocks the
 * listener thread on purpose: the offset is committed only after the change is stored; a failing change is
 * retried until it succeeds. A record that can never be applied goes to the topic's dead-letter topic (common's
 * error handler): unreadable or incomplete, or naming a channel that belongs to another session. An end of a
 * session that never became active (no channel) is skipped: no call can exist for it.
 */
@Component
class SessionEventsListener {

    private static final EventReader<SessionAccepted> ACCEPTED = EventReader
            .of(SessionAccepted.class, SessionAccepted.SCHEMA_VERSION)
            .requiring(event -> event.sessionId() != null && event.channelName() != null,
                    "a session-accepted without session or channel");

    private static final EventReader<SessionEnded> ENDED = EventReader
            .of(SessionEnded.class, SessionEnded.OLDEST_READABLE_VERSION, SessionEnded.SCHEMA_VERSION)
            .requiring(event -> event.sessionId() != null, "a session-ended without session");

    private final CallSessionStore store;

    SessionEventsListener(CallSessionStore store) {
        this.store = store;
    }

    /** Its topics on one consumer, dispatched by topic (why: {@link ConsumedEvents#unexpected}). */
    @KafkaListener(topics = { Topics.SESSION_ACCEPTED, Topics.SESSION_ENDED },
            groupId = "${spring.kafka.consumer.group-id:token-service}")
    void on(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.SESSION_ACCEPTED -> ConsumedEvents.handle(record.value(), ACCEPTED, this::accepted);
            case Topics.SESSION_ENDED -> ConsumedEvents.handle(record.value(), ENDED, this::ended);
            default -> throw ConsumedEvents.unexpected(record);
        }
    }

    private Mono<Void> accepted(SessionAccepted event) {
        return ownChannel(event, store.accepted(event.sessionId(), event.channelName(), event.userId(),
                event.astrologerId(), event.acceptedAt(), event.fundedUntil()));
    }

    private Mono<Void> ended(SessionEnded event) {
        return event.channelName() == null ? Mono.empty()
                : ownChannel(event, store.ended(event.sessionId(), event.channelName(), event.userId(),
                        event.astrologerId(), event.acceptedAt(),
                        event.endedAt() != null ? event.endedAt() : event.occurredAt()));
    }

    /**
     * Another session already holding this channel name cannot be fixed by retrying, and granting either
     * session's participants the other's channel would be wrong.
     */
    private static Mono<Void> ownChannel(DomainEvent event, Mono<Void> change) {
        return change.onErrorMap(DuplicateKeyException.class,
                ex -> new UnprocessableEventException(event.getClass().getSimpleName() + " for session " + event.key()
                        + ": its channel name belongs to another session", ex));
    }
}
