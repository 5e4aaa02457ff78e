package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.astro.common.event.EndReason;
import com.astro.common.event.Rates;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.SessionType;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;
import com.astro.session.wallet.WalletService;

class SessionLifecycleTest extends SessionTestSupport {

    @Autowired
    WalletService wallets;

    @Autowired
    SessionSweeper sweeper;

    @Test
    void aStartedSessionIsPendingAtThePublishedRateAndAnnounced() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);

        Map<String, Object> session = startSession(user, astro, "audio");

        assertThat(session).containsEntry("status", "pending").containsEntry("ratePerMinute", 20)
                .containsEntry("sessionType", "audio").containsEntry("userId", user);
        String id = (String) session.get("id");
        SessionRequested event = events(Topics.SESSION_REQUESTED, id, SessionRequested.class).get(0);
        assertThat(event.ratePerMinute()).isEqualTo(20);
        assertThat(event.sessionType()).isEqualTo(SessionType.AUDIO);
        assertThat(event.expiresAt()).isEqualTo(CLOCK.instant().plus(Duration.ofSeconds(60)));
    }

    @Test
    void anAcceptedSessionEndedAfter61SecondsIsBilledTwoMinutesOnce() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");

        Map<String, Object> active = accept(astro, id);
        assertThat(active).containsEntry("status", "active").containsEntry("channelName", "session_" + id)
                .containsEntry("acceptedBy", astro);
        CLOCK.advance(Duration.ofSeconds(61));
        // the client's duration and rate are ignored
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id, "duration", 1, "ratePerMinute", 1))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("ended").jsonPath("$.billedMinutes").isEqualTo(2)
                .jsonPath("$.coinsCharged").isEqualTo(20).jsonPath("$.endReason").isEqualTo("completed");

        assertThat(wallets.balance(user).block()).isEqualTo(80);
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).singleElement()
                .satisfies(e -> assertThat(e.channelName()).isEqualTo("session_" + id));
        SessionEnded ended = events(Topics.SESSION_ENDED, id, SessionEnded.class).get(0);
        assertThat(ended.reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(ended.billedMinutes()).isEqualTo(2);
        assertThat(ended.coinsCharged()).isEqualTo(20);
        assertThat(ended.endedBy()).isEqualTo(user);
    }

    @Test
    void theAcceptedEventSaysWhenTheBalanceStopsPayingForCallTokens() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 35);
        String id = (String) startSession(user, astro, "chat").get("id");

        Map<String, Object> active = accept(astro, id);

        Instant acceptedAt = Instant.parse((String) active.get("acceptedAt"));
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).singleElement()
                .satisfies(e -> assertThat(e.fundedUntil()).isEqualTo(acceptedAt.plus(Duration.ofMinutes(3))));
    }

    @Test
    void endingAnEndedSessionAgainAnswersTheSameSessionAndChargesNothingMore() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 100);
        post("/api/sessions/end", token(astro, "astrologer"), Map.of("sessionId", id)).expectStatus().isOk();
        CLOCK.advance(Duration.ofMinutes(5));

        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk().expectBody()
                .jsonPath("$.coinsCharged").isEqualTo(10).jsonPath("$.endedBy").isEqualTo(astro);
        assertThat(wallets.balance(user).block()).isEqualTo(90);
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).hasSize(1);
    }

    @Test
    void aDifferentClientRateIsRefusedWithTheCurrentRateAndNothingIsCreated() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", astro, "sessionType", "chat",
                "ratePerMinute", 5))
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentRate").isEqualTo(10);

        assertNoSessions(user);
    }

    @Test
    void aTypeWithoutPublishedRateIsRefused() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", astro, "sessionType", "video"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("no rate for video"));
        assertNoSessions(user);
    }

    @Test
    void anOfflineOrBusyAstrologerCannotBeAsked() {
        String user = fresh("user");
        String offline = fresh("astro");
        String busy = fresh("astro");
        presence(offline, false, false, new Rates(10L, null, null));
        presence(busy, true, true, new Rates(10L, null, null));
        credit(user, 100);

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", offline, "sessionType", "chat"))
                .expectStatus().isEqualTo(409);
        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", busy, "sessionType", "chat"))
                .expectStatus().isEqualTo(409);
        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", fresh("nobody"), "sessionType", "chat"))
                .expectStatus().isEqualTo(409);
        assertNoSessions(user);
    }

    @Test
    void aBalanceBelowTheMinimumMinuteIsPaymentRequired() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 9);

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", astro, "sessionType", "chat"))
                .expectStatus().isEqualTo(402).expectBody().jsonPath("$.required").isEqualTo(10)
                .jsonPath("$.balance").isEqualTo(9);
        assertNoSessions(user);
    }

    @Test
    void aUserCannotHoldTwoPendingOrActiveSessions() {
        String user = fresh("user");
        String astro = fresh("astro");
        String other = fresh("astro");
        onlineAstrologer(astro, 10);
        onlineAstrologer(other, 10);
        credit(user, 100);
        startSession(user, astro, "chat");

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", other, "sessionType", "chat"))
                .expectStatus().isEqualTo(409);
    }

    @Test
    void aCancelledSessionFreesTheUserAndEndsAsCancelled() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");

        post("/api/sessions/cancel", token(astro, "astrologer"), Map.of("sessionId", id)).expectStatus().isForbidden();
        post("/api/sessions/cancel", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk()
                .expectBody().jsonPath("$.endReason").isEqualTo("cancelled");
        post("/api/sessions/accept", token(astro, "astrologer"), Map.of("sessionId", id)).expectStatus().isEqualTo(409);

        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(EndReason.CANCELLED));
        startSession(user, astro, "chat");
    }

    @Test
    void aRejectedSessionEndsAsRejectedAndCannotBeEnded() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");

        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isEqualTo(409);
        post("/api/sessions/reject", token(user, "user"), Map.of("sessionId", id)).expectStatus().isForbidden();
        post("/api/sessions/reject", token(astro, "astrologer"), Map.of("sessionId", id)).expectStatus().isOk()
                .expectBody().jsonPath("$.endReason").isEqualTo("rejected").jsonPath("$.coinsCharged").isEqualTo(0);
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isEqualTo(409);
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).hasSize(1);
        assertThat(wallets.balance(user).block()).isEqualTo(100);
    }

    @Test
    void anUnansweredRequestExpiresOnceAndFreesTheUser() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");
        CLOCK.advance(Duration.ofSeconds(61));

        post("/api/sessions/accept", token(astro, "astrologer"), Map.of("sessionId", id)).expectStatus().isEqualTo(409);
        sweeper.sweep().block();
        sweeper.sweep().block();

        web.get().uri("/api/sessions/{id}", id).header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.endReason").isEqualTo("expired");
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.endedBy()).isEqualTo("system"));
        // the refused accept left the astrologer free
        String next = (String) startSession(user, astro, "chat").get("id");
        accept(astro, next);
    }

    @Test
    void onlyParticipantsAndAdminsSeeASession() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");

        for (String bearer : new String[] { token(user, "user"), token(astro, "astrologer"), token("admin_1", "admin") }) {
            web.get().uri("/api/sessions/{id}", id).header("Authorization", "Bearer " + bearer).exchange()
                    .expectStatus().isOk();
        }
        web.get().uri("/api/sessions/{id}", id).header("Authorization", "Bearer " + token(fresh("user"), "user"))
                .exchange().expectStatus().isNotFound();
        web.get().uri("/api/sessions/{id}", "not-an-id").header("Authorization", "Bearer " + token(user, "user"))
                .exchange().expectStatus().isNotFound();
        post("/api/sessions/accept", token(fresh("astro"), "astrologer"), Map.of("sessionId", id))
                .expectStatus().isNotFound();
    }

    @Test
    void theSessionListIsTheCallersNewestFirstFilteredByStatus() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String first = (String) startSession(user, astro, "chat").get("id");
        post("/api/sessions/cancel", token(user, "user"), Map.of("sessionId", first)).expectStatus().isOk();
        CLOCK.advance(Duration.ofSeconds(1));
        String second = (String) startSession(user, astro, "chat").get("id");

        web.get().uri("/api/sessions").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].id").isEqualTo(second).jsonPath("$.items[1].id").isEqualTo(first);
        web.get().uri("/api/sessions?status=pending&size=1").header("Authorization", "Bearer " + token(astro, "astrologer"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(second);
        web.get().uri("/api/sessions?size=100000").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/sessions?status=weird").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void badInputIsRefusedWithProblemDetailsAndChangesNothing() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String bearer = token(user, "user");

        for (Object body : new Object[] { "{not json", "[]", Map.of("sessionType", "chat"),
                Map.of("astrologerId", astro, "sessionType", "phone"), Map.of("astrologerId", 12, "sessionType", "chat"),
                Map.of("astrologerId", astro, "sessionType", "chat", "ratePerMinute", -3),
                Map.of("astrologerId", astro, "sessionType", "chat", "ratePerMinute", 2.5),
                Map.of("astrologerId", astro, "sessionType", "chat", "ratePerMinute", "10") }) {
            web.post().uri("/api/sessions/start").header("Authorization", "Bearer " + bearer)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isNotEmpty();
        }
        for (String path : new String[] { "/api/sessions/accept", "/api/sessions/end", "/api/sessions/cancel" }) {
            post(path, bearer, Map.of("sessionId", "xyz")).expectStatus().isBadRequest();
            post(path, bearer, Map.of()).expectStatus().isBadRequest();
            post(path, bearer, Map.of("sessionId", "0123456789abcdef01234567")).expectStatus().isNotFound();
        }
        post("/api/sessions/start", token(astro, "astrologer"), Map.of("astrologerId", astro, "sessionType", "chat"))
                .expectStatus().isForbidden();
        assertNoSessions(user);
    }

    private void assertNoSessions(String user) {
        web.get().uri("/api/sessions").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }
}
