package com.astro.session.session;

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
 * expire pending requests past their expiry; end active sessions whose balance covers no further minute; and,
 * after a grace period that no live request lasts, repair what a crash left half done (sessions left ending,
 * unpublished events, unapplied ledger entries, reservations and locks held by sessions that are over).
 */
@Component
public class SessionSweeper {

    private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);

    static final int BATCH = 200;

    private final SessionStore store;

    private final SessionService sessions;

    private final SessionEnder ender;

    private final SessionEvents events;

    private final WalletService wallets;

    private final AstrologerReservations reservations;

    private final UserLocks userLocks;

    private final SessionProperties properties;

    private final Clock clock;

    public SessionSweeper(SessionStore store, SessionService sessions, SessionEnder ender, SessionEvents events,
            WalletService wallets, AstrologerReservations reservations, UserLocks userLocks,
            SessionProperties properties, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.ender = ender;
        this.events = events;
        this.wallets = wallets;
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
    public Mono<Long> sweep() {
        return expire().concatWith(exhaust()).reduce(0L, Long::sum).flatMap(count -> repair().thenReturn(count));
    }

    public Mono<Long> expire() {
        return store.expiredPending(clock.instant(), BATCH).concatMap(s -> isolated(s, sessions.expire(s))).count();
    }

    public Mono<Long> exhaust() {
        return store.withStatus(SessionStatus.ACTIVE, BATCH * 5).concatMap(s -> isolated(s, ender.endIfExhausted(s))).count();
    }

    /** One session's failure is logged and left for the next pass; it must not stop the others. */
    private static Mono<Session> isolated(Session session, Mono<Session> step) {
        return step.onErrorResume(ex -> {
            log.warn("sweep of session {} failed, retrying next pass: {}", session.id(), ex.toString());
            return Mono.empty();
        });
    }

    public Mono<Void> repair() {
        Instant before = clock.instant().minus(properties.repairGrace());
        Flux<Session> ending = store.endingSince(before, BATCH).concatMap(s -> isolated(s, ender.finish(s)));
        Flux<Session> ended = store.unpublished("endedPublished", "finalizedAt", before, BATCH).concatMap(events::ended);
        Flux<Session> accepted = store.unpublished("acceptedPublished", "acceptedAt", before, BATCH)
                .filter(s -> s.acceptedAt() != null).concatMap(events::accepted);
        Flux<Session> requested = store.unpublished("requestedPublished", "createdAt", before, BATCH)
                .concatMap(events::requested);
        Flux<?> ledger = wallets.repairUnapplied(before);
        Flux<?> freed = reservations.heldSince(before).concatMap(held -> store.find(held.sessionId())
                .filter(s -> s.status() == SessionStatus.ENDED || s.status() == SessionStatus.PENDING)
                .flatMap(s -> reservations.release(held.ownerId(), held.sessionId())));
        Flux<?> unlocked = userLocks.heldSince(before).concatMap(held -> store.find(held.sessionId())
                .filter(s -> s.status() == SessionStatus.ENDED)
                .flatMap(s -> userLocks.release(held.ownerId(), held.sessionId())));
        return Flux.concat(ending, ended, accepted, requested, ledger, freed, unlocked).then();
    }
}
