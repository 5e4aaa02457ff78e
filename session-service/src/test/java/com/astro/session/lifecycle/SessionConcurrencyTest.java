package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;
import com.astro.session.wallet.WalletService;

/** The races that move money or reserve people: each is fired from 50 threads at once. */
class SessionConcurrencyTest extends SessionTestSupport {

    @Autowired
    WalletService wallets;

    @Autowired
    SessionStore store;

    @Autowired
    SessionSweeper sweeper;

    @Test
    void ofFiftyConcurrentAcceptsOfOneSessionExactlyOneWins() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = pendingChatSession(user, astro);
        String bearer = token(astro, "astrologer");

        List<Integer> statuses = concurrently(50, () -> post("/api/sessions/accept", bearer, Map.of("sessionId", id))
                .returnResult(String.class).getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409);
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).hasSize(1);
        // the losers released nothing of the winner's: the astrologer still cannot take another session
        String otherUser = fresh("user");
        credit(otherUser, 100);
        post("/api/sessions/start", token(otherUser, "user"), Map.of("astrologerId", astro, "sessionType", "chat"))
                .expectStatus().isEqualTo(409);
    }

    @Test
    void ofTwoSessionsOfOneAstrologerAcceptedConcurrentlyOnlyOneBecomesActive() throws Exception {
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String user = fresh("user");
            credit(user, 100);
            ids.add((String) startSession(user, astro, "chat").get("id"));
        }
        String bearer = token(astro, "astrologer");

        List<Integer> statuses = concurrently(50, () -> post("/api/sessions/accept", bearer,
                Map.of("sessionId", ids.get((int) (Thread.currentThread().getId() % 2))))
                .returnResult(String.class).getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        long active = ids.stream().map(id -> store.find(id).block()).filter(s -> s.acceptedAt() != null).count();
        assertThat(active).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentEndsChargeOnceAndAllAnswerTheSameSession() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 7, 100);
        CLOCK.advance(Duration.ofSeconds(130));
        String userBearer = token(user, "user");
        String astroBearer = token(astro, "astrologer");

        List<String> bodies = concurrently(50, () -> {
            String bearer = Thread.currentThread().getId() % 2 == 0 ? userBearer : astroBearer;
            EntityExchangeResult<String> result = post("/api/sessions/end", bearer, Map.of("sessionId", id))
                    .expectStatus().isOk().expectBody(String.class).returnResult();
            return result.getResponseBody();
        });
        sweeper.exhaust().block();

        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(bodies.get(0)).contains("\"coinsCharged\":21").contains("\"status\":\"ended\"");
        assertThat(wallets.balance(user).block()).isEqualTo(79);
        assertThat(wallets.recentEntries(user, 10).collectList().block())
                .filteredOn(e -> e.coins() < 0).singleElement().satisfies(e -> assertThat(e.coins()).isEqualTo(-21));
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).hasSize(1);
    }

    @Test
    void ofConcurrentStartsByOneUserOnlyOneCreatesASession() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String bearer = token(user, "user");

        List<Integer> statuses = concurrently(20, () -> post("/api/sessions/start", bearer,
                Map.of("astrologerId", astro, "sessionType", "chat")).returnResult(String.class).getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
    }

    @Test
    void anAcceptRacingACancelLeavesEitherAnActiveSessionOrAFreeAstrologer() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = pendingChatSession(user, astro);
        String astroBearer = token(astro, "astrologer");
        String userBearer = token(user, "user");

        List<Integer> statuses = concurrently(40, () -> Thread.currentThread().getId() % 2 == 0
                ? post("/api/sessions/accept", astroBearer, Map.of("sessionId", id)).returnResult(String.class)
                        .getStatus().value()
                : -post("/api/sessions/cancel", userBearer, Map.of("sessionId", id)).returnResult(String.class)
                        .getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 200 || s == -200).hasSize(1);
        boolean accepted = statuses.contains(200);
        String otherUser = fresh("user");
        credit(otherUser, 100);
        if (accepted) {
            post("/api/sessions/start", token(otherUser, "user"), Map.of("astrologerId", astro, "sessionType", "chat"))
                    .expectStatus().isEqualTo(409);
        }
        else {
            accept(astro, (String) startSession(otherUser, astro, "chat").get("id"));
        }
    }

    @Test
    void endCallsRacingTheAutomaticEndChargeOnceAndAgreeOnTheOutcome() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 20);
        CLOCK.advance(Duration.ofMinutes(5));
        String bearer = token(user, "user");

        List<String> answers = concurrently(30, () -> Thread.currentThread().getId() % 3 == 0
                ? String.valueOf(sweeper.exhaust().block())
                : post("/api/sessions/end", bearer, Map.of("sessionId", id)).expectStatus().isOk()
                        .expectBody(String.class).returnResult().getResponseBody());

        assertThat(answers).filteredOn(a -> a.startsWith("{")).isNotEmpty()
                .allMatch(a -> a.contains("\"endReason\":\"balance_exhausted\"") && a.contains("\"coinsCharged\":20"));
        assertThat(wallets.balance(user).block()).isZero();
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.billedMinutes()).isEqualTo(2));
    }
}
