package com.astro.session.lifecycle;

import static com.astro.common.web.Problems.conflict;
import static com.astro.common.web.Problems.forbidden;
import static com.astro.common.web.Problems.notFound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.astro.common.web.Problems;
import com.astro.common.event.EndReason;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;
import com.astro.session.billing.Billing;
import com.astro.session.config.SessionProperties;
import com.astro.session.presence.AstrologerDirectory;
import com.astro.session.presence.KnownAstrologer;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session lifecycle: start, accept, reject, cancel, end, expire. Every refusal is decided before anything is
 * written, and every write is a conditional single-document update, so refusals change nothing and publish nothing.
 */
@Service
public class SessionService {

    private final SessionStore store;

    private final AstrologerDirectory astrologers;

    private final WalletService wallets;

    private final UserLocks userLocks;

    private final AstrologerReservations reservations;

    private final SessionEvents events;

    private final SessionEnder ender;

    private final SessionProperties properties;

    private final Clock clock;

    SessionService(SessionStore store, AstrologerDirectory astrologers, WalletService wallets,
            UserLocks userLocks, AstrologerReservations reservations, SessionEvents events, SessionEnder ender,
            SessionProperties properties, Clock clock) {
        this.store = store;
        this.astrologers = astrologers;
        this.wallets = wallets;
        this.userLocks = userLocks;
        this.reservations = reservations;
        this.events = events;
        this.ender = ender;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<Session> start(CurrentUser caller, StartCommand command) {
        if (!caller.is(Role.USER)) {
            return Mono.error(forbidden("Only users start sessions"));
        }
        return astrologers.find(command.astrologerId())
                .filter(KnownAstrologer::online)
                .switchIfEmpty(Mono.error(() -> conflict("Astrologer '" + command.astrologerId() + "' is not online")))
                .flatMap(astrologer -> rateFor(astrologer, command).flatMap(rate -> notBusy(astrologer).thenReturn(rate)))
                .flatMap(rate -> wallets.balance(caller.id()).flatMap(balance -> {
                    long required = Billing.cost(properties.minimumMinutes(), rate);
                    if (balance < required) {
                        return Mono.error(Problems.problem(HttpStatus.PAYMENT_REQUIRED,
                                "Your balance of " + balance + " coins does not cover " + properties.minimumMinutes()
                                        + " minute(s) at " + rate + " coins per minute; " + required + " are needed",
                                Map.of("balance", balance, "required", required)));
                    }
                    return create(caller, command, rate);
                }));
    }

    /**
     * The astrologer's reservation is the truth: held means busy. The read model's busy flag comes back through
     * presence and Kafka and lags behind an end made here, so it is believed only when it does not name a session
     * this service knows to have ended (a start right after the end with the same astrologer must succeed).
     */
    private Mono<Void> notBusy(KnownAstrologer astrologer) {
        Mono<Boolean> readModelBusy = !astrologer.busy() ? Mono.just(false)
                : astrologer.currentSessionId() == null ? Mono.just(true)
                        : store.find(astrologer.currentSessionId())
                                .map(session -> session.status() != SessionStatus.ENDED)
                                .defaultIfEmpty(true);
        return reservations.holder(astrologer.id()).map(held -> true)
                .switchIfEmpty(readModelBusy)
                .flatMap(busy -> busy ? Mono.error(conflict("Astrologer '" + astrologer.id()
                        + "' is busy in another session")) : Mono.empty());
    }

    private Mono<Long> rateFor(KnownAstrologer astrologer, StartCommand command) {
        Long rate = astrologer.rates() == null ? null : astrologer.rates().forType(command.sessionType());
        if (rate == null || rate <= 0) {
            return Mono.error(conflict("Astrologer '" + astrologer.id() + "' has published no rate for "
                    + command.sessionType().wireName() + " sessions"));
        }
        if (command.ratePerMinute() != null && command.ratePerMinute().longValue() != rate) {
            return Mono.error(Problems.problem(HttpStatus.CONFLICT,
                    "The rate for " + command.sessionType().wireName() + " sessions is now " + rate
                            + " coins per minute, not " + command.ratePerMinute() + "; start again with the current rate",
                    Map.of("currentRate", rate)));
        }
        return Mono.just(rate);
    }

    private Mono<Session> create(CurrentUser caller, StartCommand command, long rate) {
        Instant now = clock.instant();
        String id = SessionIds.next();
        Session session = Session.requested(id, caller.id(), command.astrologerId(), command.sessionType(), rate, now,
                now.plus(properties.requestTtl()));
        return lockUser(caller.id(), id, now)
                .then(store.insert(session, firstDue(now))
                        .onErrorResume(ex -> userLocks.release(caller.id(), id).then(Mono.error(ex))))
                .flatMap(events::requested);
    }

    /**
     * The first moment the sweeper could have something to do for a new session: its expiry, the end of the repair
     * grace (an unannounced request), or its first affordable minute running out (balance exhaustion).
     */
    private Instant firstDue(Instant now) {
        Duration first = properties.requestTtl();
        Duration minimumPaid = Duration.ofMinutes(properties.minimumMinutes());
        first = first.compareTo(properties.repairGrace()) < 0 ? first : properties.repairGrace();
        first = first.compareTo(minimumPaid) < 0 ? first : minimumPaid;
        return now.plus(first);
    }

    /** Takes the user's lock, first freeing it from a session a crash left ended (or never created). */
    private Mono<Void> lockUser(String userId, String sessionId, Instant now) {
        return userLocks.acquire(userId, sessionId, now).flatMap(taken -> taken ? Mono.<Void>empty()
                : userLocks.holder(userId)
                        .flatMap(held -> store.find(held.sessionId())
                                .map(existing -> existing.status() == SessionStatus.ENDED)
                                .defaultIfEmpty(held.since().isBefore(now.minus(properties.repairGrace())))
                                .flatMap(stale -> stale
                                        ? userLocks.release(userId, held.sessionId())
                                                .then(userLocks.acquire(userId, sessionId, now))
                                        : Mono.just(false))
                                .flatMap(retaken -> retaken ? Mono.<Void>empty()
                                        : Mono.error(conflict("You already have a pending or active session ("
                                                + held.sessionId() + "); end or cancel it first"))))
                        .switchIfEmpty(Mono.defer(() -> userLocks.acquire(userId, sessionId, now)
                                .flatMap(retaken -> retaken ? Mono.<Void>empty()
                                        : Mono.error(conflict("You already have a pending or active session"))))));
    }

    Mono<Session> accept(CurrentUser caller, String sessionId) {
        return visible(caller, sessionId).flatMap(session -> {
            if (!session.astrologerId().equals(caller.id())) {
                return Mono.error(forbidden("Only the session's astrologer may accept it"));
            }
            Instant now = clock.instant();
            if (session.status() != SessionStatus.PENDING) {
                return Mono.error(conflict("The session is " + session.status().wireName() + ", not pending"));
            }
            if (!session.expiresAt().isAfter(now)) {
                return Mono.error(conflict("The session request expired at " + session.expiresAt()));
            }
            return reservations.acquire(caller.id(), sessionId, now).flatMap(reserved -> {
                if (!reserved) {
                    return Mono.error(conflict("You already have an active session; end it before accepting another"));
                }
                // announcing it claims the promotion of a user's first accepted session (SessionEvents.accepted)
                // due at the next sweep: a balance that is low from the start is warned about then, not after the
                // repair grace; a balance that lasts puts the session off until it could run low
                return store.accept(sessionId, caller.id(), now)
                        .flatMap(accepted -> events.accepted(accepted)
                                .flatMap(announced -> store.postpone(announced.id(), now).thenReturn(announced))
                                .onErrorResume(NotAnnounced.class, failure -> unannounced(accepted, failure)))
                        .switchIfEmpty(Mono.defer(() -> lostAccept(caller.id(), sessionId)));
            });
        });
    }

    /**
     * Billing starts at {@code acceptedAt}, so an acceptance nobody was told about must not stay: the session goes
     * back to pending and the reservation is freed, and the astrologer is told to accept again. If the session moved
     * on meanwhile (a participant ended it), the failure stands as it is.
     */
    private Mono<Session> unannounced(Session accepted, NotAnnounced failure) {
        return store.unaccept(accepted)
                .flatMap(pending -> reservations.release(accepted.astrologerId(), accepted.id())
                        .then(Mono.<Session>error(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE,
                                "The acceptance could not be announced (the event broker cannot be reached); the "
                                        + "session is still requested, accept it again shortly",
                                Map.of("sessionId", accepted.id(), "sessionStatus", SessionStatus.PENDING.wireName())))))
                .switchIfEmpty(Mono.error(failure.getCause()));
    }

    /**
     * The session left pending under us. If another accept of the same session won, the reservation is the
     * winner's and stays; otherwise (cancelled, expired) it is ours and is released.
     */
    private Mono<Session> lostAccept(String astrologerId, String sessionId) {
        return store.find(sessionId).flatMap(current -> {
            Mono<Void> release = current.status() == SessionStatus.ACTIVE || current.status() == SessionStatus.ENDING
                    ? Mono.empty() : reservations.release(astrologerId, sessionId);
            String detail = current.status() == SessionStatus.PENDING ? "The session request expired"
                    : "The session is " + current.status().wireName() + ", not pending";
            return release.then(Mono.error(conflict(detail)));
        });
    }

    Mono<Session> reject(CurrentUser caller, String sessionId) {
        return visible(caller, sessionId).flatMap(session -> session.astrologerId().equals(caller.id())
                ? endPending(session, EndReason.REJECTED, caller.id())
                : Mono.error(forbidden("Only the session's astrologer may reject it")));
    }

    Mono<Session> cancel(CurrentUser caller, String sessionId) {
        return visible(caller, sessionId).flatMap(session -> session.userId().equals(caller.id())
                ? endPending(session, EndReason.CANCELLED, caller.id())
                : Mono.error(forbidden("Only the user who requested the session may cancel it")));
    }

    private Mono<Session> endPending(Session session, EndReason reason, String by) {
        if (session.status() != SessionStatus.PENDING) {
            return Mono.error(conflict("The session is " + session.status().wireName() + ", not pending"));
        }
        return store.endPending(session.id(), reason, by, clock.instant(), null)
                .switchIfEmpty(Mono.defer(() -> store.find(session.id()).flatMap(current -> Mono.error(
                        conflict("The session is " + current.status().wireName() + ", not pending")))))
                .flatMap(this::afterPendingEnded);
    }

    /** Ends a pending session whose request expired; emits nothing when another instance or a reply got there first. */
    Mono<Session> expire(Session session) {
        Instant now = clock.instant();
        return store.endPending(session.id(), EndReason.EXPIRED, Session.SYSTEM, now, now)
                .flatMap(this::afterPendingEnded);
    }

    private Mono<Session> afterPendingEnded(Session ended) {
        return userLocks.release(ended.userId(), ended.id()).then(events.ended(ended));
    }

    Mono<Session> end(CurrentUser caller, String sessionId) {
        return visible(caller, sessionId).flatMap(session -> {
            if (!session.hasParticipant(caller.id())) {
                return Mono.error(notFound("No session " + sessionId));
            }
            if (session.status() == SessionStatus.PENDING) {
                return Mono.error(conflict("The session has not been accepted; "
                        + (session.userId().equals(caller.id()) ? "cancel" : "reject") + " it instead"));
            }
            if (session.status() == SessionStatus.ENDED && session.acceptedAt() == null) {
                return Mono.error(conflict("The session was never active; it ended as "
                        + session.endReason().wireName()));
            }
            return ender.end(session, caller.id());
        });
    }

    public Mono<Session> get(CurrentUser caller, String sessionId) {
        return store.find(sessionId)
                .filter(session -> caller.isAdmin() || session.hasParticipant(caller.id()))
                .switchIfEmpty(Mono.error(() -> notFound("No session " + sessionId)));
    }

    Flux<Session> list(CurrentUser caller, SessionStatus status, int page, int size) {
        return store.ofParticipant(caller.id(), status, page, size);
    }

    /** The session if the caller takes part in it; otherwise 404, as if it did not exist. */
    private Mono<Session> visible(CurrentUser caller, String sessionId) {
        return store.find(sessionId)
                .filter(session -> session.hasParticipant(caller.id()))
                .switchIfEmpty(Mono.error(() -> notFound("No session " + sessionId)));
    }
}
