package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.Topics;

/**
 * {@code GET /api/sessions/{id}/receipt}: for participants and admins, once the session ended, every figure the
 * one its Kafka events announced (the promotion's 2 free minutes on here).
 */
class ReceiptTest extends PromotionTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    SessionStore store;

    @Autowired
    SessionSweeper sweeper;

    private WebTestClientSpec receipt(String id, String bearer) {
        return new WebTestClientSpec(web.get().uri("/api/sessions/{id}/receipt", id)
                .header("Authorization", "Bearer " + bearer).exchange());
    }

    private record WebTestClientSpec(WebTestClient.ResponseSpec spec) {

        @SuppressWarnings("unchecked")
        Map<String, Object> ok() {
            return spec.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        }

        void problem(int status) {
            spec.expectStatus().isEqualTo(status).expectHeader()
                    .contentTypeCompatibleWith("application/problem+json");
        }
    }

    /** A user's first session (2 free minutes), warned of its low balance, ended by the user after 4.5 minutes. */
    private String endedSession(String user, String astro) {
        String id = activeChatSession(user, astro, 10, 40);
        Instant acceptedAt = store.find(id).block().acceptedAt();
        CLOCK.set(acceptedAt.plusSeconds(250));
        sweeper.sweep().block();
        CLOCK.set(acceptedAt.plusSeconds(270));
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk();
        return id;
    }

    private static <T extends DomainEvent> T only(String topic, String id, Class<T> type) {
        await().atMost(WAIT).until(() -> events(topic, id, type).size() == 1);
        return events(topic, id, type).get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFigureOnTheReceiptIsRecomputedFromTheKafkaEventsAlone() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = endedSession(user, astro);

        Map<String, Object> receipt = receipt(id, token(user, "user")).ok();

        SessionRequested requested = only(Topics.SESSION_REQUESTED, id, SessionRequested.class);
        SessionAccepted accepted = only(Topics.SESSION_ACCEPTED, id, SessionAccepted.class);
        SessionBalanceRanLow warning = only(Topics.SESSION_BALANCE_RAN_LOW, id, SessionBalanceRanLow.class);
        SessionEnded ended = only(Topics.SESSION_ENDED, id, SessionEnded.class);
        long active = Duration.between(accepted.acceptedAt(), ended.endedAt()).toMillis();
        long billed = switch (ended.reason()) {
            case COMPLETED -> Math.max(1, (active + 59_999) / 60_000);
            case ASTROLOGER_LEFT -> active / 60_000;
            case BALANCE_EXHAUSTED -> active / 60_000;
            default -> 0;
        };
        long coins = (billed - ended.freeMinutes()) * requested.ratePerMinute();

        assertThat(receipt).containsEntry("sessionId", id).containsEntry("userId", requested.userId())
                .containsEntry("astrologerId", requested.astrologerId())
                .containsEntry("sessionType", requested.sessionType().wireName())
                .containsEntry("requestedAt", requested.occurredAt().toString())
                .containsEntry("acceptedAt", accepted.acceptedAt().toString())
                .containsEntry("endedAt", ended.endedAt().toString())
                .containsEntry("reason", ended.reason().wireName()).containsEntry("endedBy", ended.endedBy())
                .containsEntry("ratePerMinute", (int) requested.ratePerMinute())
                .containsEntry("billedMinutes", (int) billed).containsEntry("coinsCharged", (int) coins)
                .containsEntry("ledgerEntryId", "session:" + id);
        assertThat((Map<String, Object>) receipt.get("promotion"))
                .containsEntry("freeMinutes", ended.freeMinutes().intValue())
                .containsEntry("coinsWaived", (int) (ended.freeMinutes() * requested.ratePerMinute()))
                .containsEntry("ledgerEntryId", "promotion:" + id);
        assertThat((Map<String, Object>) receipt.get("events")).containsEntry("requested", requested.eventId())
                .containsEntry("accepted", accepted.eventId()).containsEntry("ended", ended.eventId())
                .containsEntry("lowBalance", List.of(warning.eventId()));
        // and the figures are the ones expected of 4.5 minutes at 10 with 2 free
        assertThat(billed).isEqualTo(5);
        assertThat(coins).isEqualTo(30).isEqualTo(ended.coinsCharged());
    }

    @Test
    void theAstrologerAndAdminsSeeTheReceiptToo() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = endedSession(user, astro);

        assertThat(receipt(id, token(astro, "astrologer")).ok()).containsEntry("coinsCharged", 30);
        assertThat(receipt(id, token("admin_1", "admin")).ok()).containsEntry("coinsCharged", 30);
    }

    @Test
    void anyoneElseGetsNotFound() {
        String id = endedSession(fresh("user"), fresh("astro"));

        receipt(id, token(fresh("user"), "user")).problem(404);
        receipt(id, token(fresh("astro"), "astrologer")).problem(404);
        receipt("65f1c0de9a1b2c3d4e5f6a7b", token("admin_1", "admin")).problem(404);
        receipt("not-a-session", token("admin_1", "admin")).problem(404);
    }

    @Test
    void aSessionThatHasNotEndedHasNoReceiptYet() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 40);

        receipt(id, token(user, "user")).problem(409);
    }

    @Test
    void aSessionWithoutFreeMinutesHasNoPromotionOnItsReceipt() {
        String user = fresh("user");
        String astro = fresh("astro");
        String first = endedSession(user, astro);
        String second = (String) startSession(user, astro, "chat").get("id");
        accept(astro, second);
        CLOCK.advance(Duration.ofSeconds(30));
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", second)).expectStatus().isOk();

        Map<String, Object> receipt = receipt(second, token(user, "user")).ok();

        assertThat(receipt).containsEntry("promotion", null).containsEntry("billedMinutes", 1)
                .containsEntry("coinsCharged", 10);
        assertThat(first).isNotEqualTo(second);
    }
}
