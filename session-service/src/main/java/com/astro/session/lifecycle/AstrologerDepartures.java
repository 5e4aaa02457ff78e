package com.astro.session.lifecycle;

import java.time.Instant;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Fair billing when the astrologer leaves: presence-service takes an astrologer offline with
 * {@code connectionLost} once every realtime connection of theirs has been gone for its grace period; the session
 * they hold (their reservation) then ends with reason {@code astrologer_left} at the moment the last connection
 * went away, the minute in progress not charged. Ending is conditional like every end, so a redelivered event, or an
 * end racing it, bills once.
 */
@Component
public class AstrologerDepartures {

    private final AstrologerReservations reservations;

    private final SessionStore store;

    private final SessionEnder ender;

    AstrologerDepartures(AstrologerReservations reservations, SessionStore store, SessionEnder ender) {
        this.reservations = reservations;
        this.store = store;
        this.ender = ender;
    }

    /** The astrologer's last connection went away at {@code leftAt} and did not come back in time. */
    public Mono<Void> left(String astrologerId, Instant leftAt) {
        return reservations.holder(astrologerId)
                .flatMap(held -> store.find(held.sessionId()))
                .filter(session -> session.astrologerId().equals(astrologerId))
                .flatMap(session -> ender.endAstrologerLeft(session, leftAt))
                .then();
    }
}
