package com.astro.session.lifecycle;

import java.time.Instant;

import org.springframework.stereotype.Component;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.kafka.EventPublisher;
import com.astro.session.metrics.SessionMetrics;

import reactor.core.publisher.Mono;

/**
 * Announces a session's state from the session document itself, with the event id stored there: publish, then mark
 * published. A crash between the two makes the repair sweep publish again with the same event id, which consumers
 * de-duplicate; nothing is ever announced that was not stored first.
 */
@Component
class SessionEvents {

    private final EventPublisher publisher;

    private final SessionStore store;

    private final SessionMetrics metrics;

    private final SessionFunding funding;

    SessionEvents(EventPublisher publisher, SessionStore store, SessionMetrics metrics, SessionFunding funding) {
        this.publisher = publisher;
        this.store = store;
        this.metrics = metrics;
        this.funding = funding;
    }

    Mono<Session> requested(Session s) {
        SessionRequested event = SessionRequested.of(s.createdAt(), s.id(), s.userId(), s.astrologerId(),
                s.sessionType(), s.ratePerMinute(), s.expiresAt()).withEventId(s.requestedEventId());
        return publisher.publish(event).doOnSuccess(done -> metrics.started())
                .then(store.markPublished(s.id(), "requestedPublished")).thenReturn(s);
    }

    /**
     * The balance is read when the event is published: nothing is debited before the session ends and a user has one
     * session at a time, so a repair sweep publishing again finds the same balance or a credited, larger one. Free
     * first minutes (the promotion) fund the session too. Fails with {@link NotAnnounced} when the broker did not
     * acknowledge the acceptance.
     */
    Mono<Session> accepted(Session s) {
        return funding.of(s).flatMap(funds -> {
            Instant fundedUntil = funds.exhaustionAt(s);
            SessionAccepted event = SessionAccepted.of(s.acceptedAt(), s.id(), s.userId(), s.astrologerId(),
                    s.sessionType(), s.ratePerMinute(), s.acceptedAt(), s.channelName(),
                    fundedUntil.equals(Instant.MAX) ? null : fundedUntil).withEventId(s.acceptedEventId());
            return publisher.publish(event).onErrorMap(NotAnnounced::new).doOnSuccess(done -> metrics.accepted())
                    .then(store.markPublished(s.id(), "acceptedPublished")).thenReturn(s);
        });
    }

    Mono<Session> ended(Session s) {
        SessionEnded event = SessionEnded.of(s.endedAt(), s.id(), s.userId(), s.astrologerId(), s.sessionType(),
                s.endReason(), s.endedBy(), s.acceptedAt(), s.endedAt(), s.ratePerMinute(), orZero(s.billedMinutes()),
                orZero(s.coinsCharged()), s.channelName()).withFreeMinutes(orZero(s.freeMinutes()))
                .withEventId(s.endedEventId());
        return publisher.publish(event).doOnSuccess(done -> metrics.ended(s.endReason()))
                .then(store.markPublished(s.id(), "endedPublished")).thenReturn(s);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
