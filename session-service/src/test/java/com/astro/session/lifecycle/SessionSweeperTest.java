package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;
import com.astro.session.config.SessionProperties;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The automatic ends: expiry of unanswered requests and balance exhaustion, driven by a clock tests move. */
class SessionSweeperTest extends SessionTestSupport {

    @Autowired
    SessionSweeper sweeper;

    @Autowired
    SessionStore store;

    @Autowired
    SessionService sessions;

    @Autowired
    SessionEnder ender;

    @Autowired
    SessionEvents sessionEvents;

    @Autowired
    LowBalanceWarnings lowBalance;

    @Autowired
    WalletService wallets;

    @Autowired
    SessionFunding funding;

    @Autowired
    AstrologerReservations reservations;

    @Autowired
    UserLocks userLocks;

    @Autowired
    SessionProperties properties;

    @Test
    void twoInstancesSweepingAtOnceExpireEachRequestOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = fresh("user");
            String astro = fresh("astro");
            onlineAstrologer(astro, 10);
            credit(user, 100);
            ids.add((String) startSession(user, astro, "chat").get("id"));
        }
        SessionSweeper second = new SessionSweeper(store, sessions, ender, sessionEvents, lowBalance, wallets,
                funding, reservations, userLocks, properties, CLOCK);
        CLOCK.advance(Duration.ofSeconds(60));

        Mono.zip(sweeper.sweep().subscribeOn(Schedulers.parallel()), second.sweep().subscribeOn(Schedulers.parallel()),
                sweeper.sweep().subscribeOn(Schedulers.parallel()), second.sweep().subscribeOn(Schedulers.parallel()))
                .block();
        sweeper.sweep().block();

        for (String id : ids) {
            assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(EndReason.EXPIRED));
        }
    }

    @Test
    void twoRunningApplicationInstancesExpireEachRequestOnce() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String user = fresh("user");
            String astro = fresh("astro");
            onlineAstrologer(astro, 10);
            credit(user, 100);
            ids.add((String) startSession(user, astro, "chat").get("id"));
        }
        try (ConfigurableApplicationContext other = secondInstance()) {
            SessionSweeper second = other.getBean(SessionSweeper.class);
            CLOCK.advance(Duration.ofSeconds(60));

            Mono.zip(sweeper.sweep().subscribeOn(Schedulers.parallel()),
                    second.sweep().subscribeOn(Schedulers.parallel())).block();
            Mono.zip(second.sweep().subscribeOn(Schedulers.parallel()),
                    sweeper.sweep().subscribeOn(Schedulers.parallel())).block();
        }

        for (String id : ids) {
            assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(EndReason.EXPIRED));
        }
    }

    @Test
    void aRequestIsNotExpiredBeforeItsExpiry() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");
        CLOCK.advance(Duration.ofSeconds(59));

        sweeper.sweep().block();

        assertThat(store.find(id).block().endReason()).isNull();
        accept(astro, id);
    }

    @Test
    void anActiveSessionEndsItselfAtTheMinuteTheBalanceNoLongerCovers() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 35);
        Instant acceptedAt = CLOCK.instant();

        CLOCK.advance(Duration.ofSeconds(179));
        sweeper.sweep().block();
        assertThat(store.find(id).block().acceptedAt()).isNotNull();
        assertThat(store.find(id).block().endReason()).isNull();

        CLOCK.advance(Duration.ofSeconds(1));
        sweeper.sweep().block();

        SessionEnded ended = events(Topics.SESSION_ENDED, id, SessionEnded.class).get(0);
        assertThat(ended.reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
        assertThat(ended.endedAt()).isEqualTo(acceptedAt.plus(Duration.ofMinutes(3)));
        assertThat(ended.billedMinutes()).isEqualTo(3);
        assertThat(ended.coinsCharged()).isEqualTo(30);
        assertThat(wallets.balance(user).block()).isEqualTo(5);
    }

    @Test
    void aLateNoticedExhaustionStillBillsOnlyTheAffordableMinutes() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 20);
        CLOCK.advance(Duration.ofMinutes(10));

        // the user's end arrives before any sweep noticed
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk().expectBody()
                .jsonPath("$.endReason").isEqualTo("balance_exhausted").jsonPath("$.billedMinutes").isEqualTo(2)
                .jsonPath("$.coinsCharged").isEqualTo(20);
        assertThat(wallets.balance(user).block()).isZero();
    }

    @Test
    void aCreditDuringTheSessionKeepsItGoing() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 10);
        CLOCK.advance(Duration.ofSeconds(30));
        credit(user, 50);
        CLOCK.advance(Duration.ofSeconds(60));

        sweeper.sweep().block();

        assertThat(store.find(id).block().endReason()).isNull();
        post("/api/sessions/end", token(astro, "astrologer"), Map.of("sessionId", id)).expectStatus().isOk()
                .expectBody().jsonPath("$.coinsCharged").isEqualTo(20);
        assertThat(wallets.balance(user).block()).isEqualTo(40);
    }
}
