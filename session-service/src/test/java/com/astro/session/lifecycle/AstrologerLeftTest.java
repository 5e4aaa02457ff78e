package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.astro.common.event.EndReason;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;
import com.astro.session.wallet.WalletService;

/**
 * Fair billing when the astrologer leaves: presence-service's {@code presence-changed} with {@code connectionLost}
 * (every connection gone beyond its grace period) ends the astrologer's active session as {@code astrologer_left}
 * at the moment the last connection went away, without charging the minute in progress.
 */
class AstrologerLeftTest extends SessionTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    SessionStore store;

    @Autowired
    WalletService wallets;

    private static final Rates RATES = new Rates(10L, 20L, null);

    private PresenceChanged connectionLost(String astro, String sessionId, Instant leftAt) {
        return PresenceChanged.of(CLOCK.instant(), astro, astro, false, true, sessionId, leftAt, RATES,
                nextPresenceVersion(), true, 0, null);
    }

    /** A user's chat session with a fresh astrologer at 10 coins a minute, 100 coins in the wallet, accepted. */
    private record Running(String user, String astro, String id, Instant acceptedAt) {
    }

    private Running running() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 100);
        return new Running(user, astro, id, store.find(id).block().acceptedAt());
    }

    private Session awaitEnded(String id) {
        await().atMost(WAIT).until(() -> store.find(id).block().status() == SessionStatus.ENDED);
        return store.find(id).block();
    }

    @Test
    void anAstrologerWhoseConnectionsAreLostEndsTheSessionWithoutChargingTheMinuteInProgress() {
        Running s = running();
        Instant leftAt = s.acceptedAt().plusSeconds(150);
        CLOCK.advance(Duration.ofSeconds(180));

        presence(connectionLost(s.astro(), s.id(), leftAt));

        Session ended = awaitEnded(s.id());
        assertThat(ended.endReason()).isEqualTo(EndReason.ASTROLOGER_LEFT);
        assertThat(ended.endedAt()).isEqualTo(leftAt);
        assertThat(ended.endedBy()).isEqualTo(Session.SYSTEM);
        assertThat(ended.billedMinutes()).as("2 whole minutes; the third, in progress, is free").isEqualTo(2);
        assertThat(ended.coinsCharged()).isEqualTo(20);
        await().atMost(WAIT).until(() -> wallets.balance(s.user()).block() == 80);
        await().atMost(WAIT).until(() -> events(Topics.SESSION_ENDED, s.id(), SessionEnded.class).size() == 1);
        SessionEnded event = events(Topics.SESSION_ENDED, s.id(), SessionEnded.class).get(0);
        assertThat(event.reason()).isEqualTo(EndReason.ASTROLOGER_LEFT);
        assertThat(event.schemaVersion()).isEqualTo(2);
        assertThat(event.billedMinutes()).isEqualTo(2);
    }

    @Test
    void anAstrologerLeavingWithinTheFirstMinuteCostsTheUserNothing() {
        Running s = running();
        CLOCK.advance(Duration.ofSeconds(90));

        presence(connectionLost(s.astro(), s.id(), s.acceptedAt().plusSeconds(40)));

        Session ended = awaitEnded(s.id());
        assertThat(ended.billedMinutes()).isZero();
        assertThat(ended.coinsCharged()).isZero();
        assertThat(wallets.balance(s.user()).block()).isEqualTo(100);
    }

    @Test
    void aRedeliveredDepartureEndsAndChargesOnce() {
        Running s = running();
        CLOCK.advance(Duration.ofSeconds(200));
        PresenceChanged lost = connectionLost(s.astro(), s.id(), s.acceptedAt().plusSeconds(130));

        presence(lost);
        awaitEnded(s.id());
        publisher.publish(lost).block();
        publisher.publish(lost).block();

        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> wallets.balance(s.user()).block() == 80);
        assertThat(events(Topics.SESSION_ENDED, s.id(), SessionEnded.class)).hasSize(1);
    }

    @Test
    void goingOfflineByHandDoesNotEndTheSession() {
        Running s = running();
        CLOCK.advance(Duration.ofSeconds(90));

        presence(PresenceChanged.of(CLOCK.instant(), s.astro(), s.astro(), false, true, s.id(), CLOCK.instant(),
                RATES, nextPresenceVersion(), false, 0, null));

        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> store.find(s.id()).block().status() == SessionStatus.ACTIVE);
    }

    @Test
    void aSessionAcceptedAfterTheConnectionsWentAwayIsNotEnded() {
        Running s = running();
        CLOCK.advance(Duration.ofSeconds(90));

        presence(connectionLost(s.astro(), s.id(), s.acceptedAt().minusSeconds(5)));

        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> store.find(s.id()).block().status() == SessionStatus.ACTIVE);
        post("/api/sessions/end", token(s.user(), "user"), Map.of("sessionId", s.id())).expectStatus().isOk();
    }
}
