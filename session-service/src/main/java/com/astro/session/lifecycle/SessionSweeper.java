package com.astro.session.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.astro.session.config.SessionProperties;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs on every instance. Each step acts only through the same conditional updates the API uses, so two
 * instances sweeping at once still end a session once and publish its end once:
 * expire pending requests past their expiry; end active sessions whose balance covers no further minute (and warn
 * those whose balance covers only a few, {@link LowBalanceWarnings}); and,
 * after a grace period that no live request lasts, repair what a crash left half done (sessions left ending,
 * unpublished events, unapplied ledger entries, reservations and locks held by sessions that are over). It looks only
 * at the sessions listed as due ({@link DueSessions}), so an idle service with a long history costs nothing.
 */
@Component
class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    static final int BATCH = 200;

    static final Duration LONGEST_PUT_OFF = Duration.ofHours(1);

    private final SessionStore store;

    private final SessionService sessions;

    private final SessionEnder ender;

    private final SessionEvents events;

    private final LowBalanceWarnings lowBalance;

    private final WalletService wallets;

    private final SessionFunding funding;

    private final AstrologerReservations reservations;

    private final UserLocks userLocks;

    private final SessionProperties properties;

    private final Clock clock;

    SessionSweeper(SessionStore store, SessionService sessions, SessionEnder ender, SessionEvents events,
            LowBalanceWarnings lowBalance, WalletService wallets, SessionFunding funding,
            AstrologerReservations reservations, UserLocks userLocks, SessionProperties properties, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.ender = ender;
        this.events = events;
        this.lowBalance = lowBalance;
        this.wallets = wallets;
        this.funding = funding;
        this.reservations = reservations;
        this.userLocks = userLocks;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${astro.session.sweep-interval:5s}")
    public void scheduledSweep() {
        try {
            sweep().block(Duration.ofMinutes(1));
        }
        catch (RuntimeException ex) {
            log.warn("session sweep failed, retrying next interval: {}", ex.toString());
        }
    }

    /** One full pass; emits how many sessions it ended. */
    Mono<Long> sweep() {
        return expire().concatWith(exhaust()).reduce(0L, Long::sum).flatMap(count -> repair().thenReturn(count));
    }

    Mono<Long> expire() {
        Instant now = clock.instant();
        return due(now).filter(s -> s.status() == SessionStatus.PENDING && !s.expiresAt().isAfter(now))
                .concatMap(s -> isolated(s, sessions.expire(s))).count();
    }

    /**
     * Ends the active sessions whose balance ran out and warns those whose balance runs low, reading each one's funds
     * once; one whose balance lasts is put off until it could run low. Emits how many it ended.
     */
    Mono<Long> exhaust() {
        Instant now = clock.instant();
        return due(now).filter(s -> s.status() == SessionStatus.ACTIVE)
                .concatMap(s -> isolated(s, funding.of(s).flatMap(funds -> attend(s, funds, now))))
                .count();
    }

    private Mono<Session> attend(Session s, SessionFunding.Funds funds, Instant now) {
        Instant runsOutAt = funds.exhaustionAt(s);
        if (!now.isBefore(runsOutAt)) {
            return ender.endExhausted(s);
        }
        return lowBalance.check(s, funds, now).then(putOff(s, runsOutAt, now)).then(Mono.empty());
    }

    /**
     * An announced active session needs nothing from the sweeper before its balance could run low: while it is
     * active only credits move its run-out point, and only later (a user holds one session at a time), and every end
     * lists it as due again ({@link SessionStore#beginEnding}). Inside the warning window it is looked at on every
     * pass (a credit may call for another warning, and the end must come on time). At most an hour at a time, so an
     * assumption broken by hand (a debit written straight into the database) costs an hour, not the session.
     */
    private Mono<Void> putOff(Session s, Instant runsOutAt, Instant now) {
        if (!s.requestedPublished() || !s.acceptedPublished()) {
            return Mono.empty(); // the repair pass still has to announce it
        }
        Instant couldRunLow = lowBalance.couldRunLowFrom(runsOutAt);
        Instant latest = now.plus(LONGEST_PUT_OFF);
        Instant next = couldRunLow.isBefore(latest) ? couldRunLow : latest;
        return next.isAfter(now) ? store.putOff(s.id(), now, next) : Mono.empty();
    }

    /** The listed sessions due now (see {@link DueSessions}): never a scan of the sessions' history. */
    private Flux<Session> due(Instant now) {
        return store.due(now, now.minus(properties.repairGrace()), BATCH * 5);
    }

    /** One session's failure is logged and left for the next pass; it must not stop the others. */
    private static <T> Mono<T> isolated(Session session, Mono<T> step) {
        return step.onErrorResume(ex -> {
            log.warn("sweep of session {} failed, retrying next pass: {}", session.id(), ex.toString());
            return Mono.empty();
        });
    }

    /**
     * What a crash left half done, once it is older than the repair grace (no live request lasts that long):
     * sessions left ending are finished, unannounced events announced with their stored ids, and reservations and
     * locks still held by a session that is over are freed. A session ended and announced longer ago than the grace
     * is then delisted; one ended more recently is looked at again when its grace has passed.
     */
    Mono<Void> repair() {
        Instant now = clock.instant();
        Instant before = now.minus(properties.repairGrace());
        return due(now).concatMap(s -> isolated(s, repair(s, before)))
                .thenMany(wallets.repairUnapplied(before)).then();
    }

    private Mono<Void> repair(Session s, Instant before) {
        return switch (s.status()) {
            case PENDING -> announce(s, before).then(freeReservation(s, before));
            case ACTIVE -> announce(s, before);
            case ENDING -> s.finalizedAt().isAfter(before) ? store.postpone(s.id(), graceAfter(s.finalizedAt()))
                    : ender.finish(s).then();
            case ENDED -> s.finalizedAt().isAfter(before) ? store.postpone(s.id(), graceAfter(s.finalizedAt()))
                    : announce(s, before).then(freeReservation(s, null)).then(freeUserLock(s))
                            .then(store.settled(s.id()));
        };
    }

    private Instant graceAfter(Instant at) {
        return at.plus(properties.repairGrace());
    }

    /**
     * Publishes, with their stored ids, the events of this session that were stored but not acknowledged since
     * before {@code before} (a live request may still be publishing a younger one).
     */
    private Mono<Void> announce(Session s, Instant before) {
        Mono<?> requested = s.requestedPublished() || s.createdAt().isAfter(before) ? Mono.empty()
                : events.requested(s);
        Mono<?> accepted = s.acceptedAt() == null || s.acceptedPublished() || s.acceptedAt().isAfter(before)
                ? Mono.empty() : events.accepted(s);
        Mono<?> ended = s.status() != SessionStatus.ENDED || s.endedPublished() || s.finalizedAt().isAfter(before)
                ? Mono.empty() : events.ended(s);
        return requested.then(accepted).then(ended).then();
    }

    /**
     * A reservation taken by an accept that then lost its session (the instance died between the two) is freed:
     * for an ended session at once, for a still pending one when the reservation is older than the grace.
     */
    private Mono<Void> freeReservation(Session s, Instant takenBefore) {
        return reservations.holder(s.astrologerId())
                .filter(held -> held.sessionId().equals(s.id())
                        && (takenBefore == null || !held.since().isAfter(takenBefore)))
                .flatMap(held -> reservations.release(held.ownerId(), held.sessionId()));
    }

    private Mono<Void> freeUserLock(Session s) {
        return userLocks.holder(s.userId()).filter(held -> held.sessionId().equals(s.id()))
                .flatMap(held -> userLocks.release(held.ownerId(), held.sessionId()));
    }
}
