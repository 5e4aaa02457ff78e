package com.astro.session.lifecycle;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.astro.common.event.EndReason;
import com.astro.session.billing.Billing;
import com.astro.session.billing.Billing.Bill;
import com.astro.session.promotion.FirstSessionPromotion;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Mono;

/**
 * Ends active sessions exactly once, without multi-document transactions:
 * <ol>
 * <li>active → ending with the bill computed and stored, one conditional update: one caller wins, one bill;</li>
 * <li>charge the bill as the ledger entry {@code session:<id>} (unique) applied with a conditional {@code $inc}, and
 * write the promotion's line {@code promotion:<id>} when some minutes were free;</li>
 * <li>release the astrologer's reservation and the user's lock (conditional on this session holding them);</li>
 * <li>ending → ended, conditional: its one winner publishes {@code session-ended} and marks it published.</li>
 * </ol>
 * Steps 2 to 4 are idempotent, so every caller that finds the session ending runs them; a crash anywhere leaves
 * it ending and the sweeper runs them later.
 */
@Component
class SessionEnder {

    private final SessionStore store;

    private final WalletService wallets;

    private final UserLocks userLocks;

    private final AstrologerReservations reservations;

    private final SessionEvents events;

    private final FirstSessionPromotion promotion;

    private final SessionFunding funding;

    private final Clock clock;

    SessionEnder(SessionStore store, WalletService wallets, UserLocks userLocks, AstrologerReservations reservations,
            SessionEvents events, FirstSessionPromotion promotion, SessionFunding funding, Clock clock) {
        this.store = store;
        this.wallets = wallets;
        this.userLocks = userLocks;
        this.reservations = reservations;
        this.events = events;
        this.promotion = promotion;
        this.funding = funding;
        this.clock = clock;
    }

    /** Ends an active session (or finishes one already ending) and answers the final session. */
    Mono<Session> end(Session session, String endedBy) {
        return switch (session.status()) {
            case ACTIVE -> begin(session, endedBy);
            case ENDING -> finish(session);
            case ENDED, PENDING -> Mono.just(session);
        };
    }

    /** Ends the active session whose balance (with its free minutes) no longer covers the minute that is starting. */
    Mono<Session> endExhausted(Session session) {
        return begin(session, Session.SYSTEM);
    }

    /**
     * Ends an active session whose astrologer's last connection went away at {@code leftAt} and did not come back
     * within the grace period: billed the whole minutes before {@code leftAt}, the minute in progress free. A
     * session accepted after {@code leftAt} (the astrologer accepted without a connection) is left alone.
     */
    Mono<Session> endAstrologerLeft(Session session, Instant leftAt) {
        if (session.status() != SessionStatus.ACTIVE || !session.acceptedAt().isBefore(leftAt)) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return funding.of(session)
                .flatMap(funds -> store.beginEnding(session.id(), Billing.astrologerLeft(session.acceptedAt(), leftAt,
                        session.ratePerMinute(), funds.balance(), funds.freeMinutes()), Session.SYSTEM, now))
                .flatMap(this::finish)
                .switchIfEmpty(Mono.defer(() -> store.find(session.id())
                        .flatMap(current -> end(current, Session.SYSTEM))));
    }

    private Mono<Session> begin(Session session, String endedBy) {
        Instant now = clock.instant();
        return funding.of(session)
                .flatMap(funds -> {
                    Bill bill = Billing.bill(session.acceptedAt(), now, session.ratePerMinute(), funds.balance(),
                            funds.freeMinutes());
                    String by = bill.reason() == EndReason.BALANCE_EXHAUSTED ? Session.SYSTEM : endedBy;
                    return store.beginEnding(session.id(), bill, by, now);
                })
                .flatMap(this::finish)
                .switchIfEmpty(Mono.defer(() -> store.find(session.id()).flatMap(current -> end(current, endedBy))));
    }

    /** Steps 2 to 4; safe to run by any number of callers at once. */
    Mono<Session> finish(Session ending) {
        if (ending.status() != SessionStatus.ENDING) {
            return Mono.just(ending);
        }
        long free = ending.freeMinutes() == null ? 0 : ending.freeMinutes();
        Mono<?> promotionLine = free > 0
                ? wallets.recordPromotion(ending.userId(), ending.id(), free, Billing.cost(free, ending.ratePerMinute()))
                : ending.billedMinutes() != null && ending.billedMinutes() == 0
                        ? promotion.giveBack(ending.userId(), ending.id()) : Mono.empty();
        return wallets.chargeSession(ending.userId(), ending.id(), ending.coinsCharged())
                .then(promotionLine)
                .then(reservations.release(ending.astrologerId(), ending.id()))
                .then(userLocks.release(ending.userId(), ending.id()))
                .then(store.finishEnding(ending.id()))
                .flatMap(events::ended)
                .switchIfEmpty(Mono.defer(() -> store.find(ending.id())));
    }
}
