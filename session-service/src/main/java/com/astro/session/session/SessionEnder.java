package com.astro.session.session;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.astro.session.billing.Billing;
import com.astro.session.billing.Billing.Bill;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Mono;

/**
 * Ends active sessions exactly once, without multi-document transactions:
 * <ol>
 * <li>active → ending with the bill computed and stored, one conditional update: one caller wins, one bill;</li>
 * <li>charge the bill as the ledger entry {@code session:<id>} (unique) applied with a conditional {@code $inc};</li>
 * <li>release the astrologer's reservation and the user's lock (conditional on this session holding them);</li>
 * <li>ending → ended, conditional: its one winner publishes {@code session-ended} and marks it published.</li>
 * </ol>
 * Steps 2 to 4 are idempotent, so every caller that finds the session ending runs them; a crash anywhere leaves
 * it ending and the sweeper runs them later.
 */
@Component
public class SessionEnder {

    private final SessionStore store;

    private final WalletService wallets;

    private final UserLocks userLocks;

    private final AstrologerReservations reservations;

    private final SessionEvents events;

    private final Clock clock;

    public SessionEnder(SessionStore store, WalletService wallets, UserLocks userLocks,
            AstrologerReservations reservations, SessionEvents events, Clock clock) {
        this.store = store;
        this.wallets = wallets;
        this.userLocks = userLocks;
        this.reservations = reservations;
        this.events = events;
        this.clock = clock;
    }

    /** Ends an active session (or finishes one already ending) and answers the final session. */
    public Mono<Session> end(Session session, String endedBy) {
        return switch (session.status()) {
            case ACTIVE -> begin(session, endedBy);
            case ENDING -> finish(session);
            case ENDED, PENDING -> Mono.just(session);
        };
    }

    /** Ends the session if its balance no longer covers the minute that is starting; else emits nothing. */
    public Mono<Session> endIfExhausted(Session session) {
        Instant now = clock.instant();
        return wallets.balance(session.userId())
                .filter(balance -> !now.isBefore(
                        Billing.exhaustionAt(session.acceptedAt(), balance, session.ratePerMinute())))
                .flatMap(balance -> begin(session, Session.SYSTEM));
    }

    private Mono<Session> begin(Session session, String endedBy) {
        Instant now = clock.instant();
        return wallets.balance(session.userId())
                .flatMap(balance -> {
                    Bill bill = Billing.bill(session.acceptedAt(), now, session.ratePerMinute(), balance);
                    String by = bill.reason() == com.astro.common.event.EndReason.BALANCE_EXHAUSTED ? Session.SYSTEM
                            : endedBy;
                    return store.beginEnding(session.id(), bill, by, now);
                })
                .flatMap(this::finish)
                .switchIfEmpty(Mono.defer(() -> store.find(session.id()).flatMap(current -> end(current, endedBy))));
    }

    /** Steps 2 to 4; safe to run by any number of callers at once. */
    public Mono<Session> finish(Session ending) {
        if (ending.status() != SessionStatus.ENDING) {
            return Mono.just(ending);
        }
        return wallets.chargeSession(ending.userId(), ending.id(), ending.coinsCharged())
                .then(reservations.release(ending.astrologerId(), ending.id()))
                .then(userLocks.release(ending.userId(), ending.id()))
                .then(store.finishEnding(ending.id()))
                .flatMap(events::ended)
                .switchIfEmpty(Mono.defer(() -> store.find(ending.id())));
    }
}
