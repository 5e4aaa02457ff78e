package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.astro.common.event.EndReason;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.Topics;
import com.astro.session.promotion.FirstSessionPromotion;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The platform's promotion (2 free minutes here): a user's first session bills its first minutes at 0. */
class FreeFirstMinutesTest extends PromotionTestSupport {

    @Autowired
    WalletService wallets;

    @Autowired
    FirstSessionPromotion promotion;

    @Autowired
    SessionSweeper sweeper;

    @Autowired
    SessionStore store;

    @SuppressWarnings("unchecked")
    private Map<String, Object> endAfter(String user, String id, Duration active) {
        CLOCK.set(store.find(id).block().acceptedAt().plus(active));
        return post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aUsersFirstSessionBillsItsFirstMinutesAtZero() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 100);

        Map<String, Object> ended = endAfter(user, id, Duration.ofSeconds(270));

        assertThat(ended).containsEntry("billedMinutes", 5).containsEntry("coinsCharged", 30)
                .containsEntry("freeMinutes", 2);
        assertThat(wallets.balance(user).block()).isEqualTo(70);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !events(Topics.SESSION_ENDED, id, SessionEnded.class).isEmpty());
        SessionEnded event = events(Topics.SESSION_ENDED, id, SessionEnded.class).get(0);
        assertThat(event.freeMinutes()).isEqualTo(FREE_MINUTES);
        assertThat(event.coinsCharged()).isEqualTo(30);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLedgerShowsThePromotionAsItsOwnLine() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 100);
        endAfter(user, id, Duration.ofSeconds(270));

        Map<String, Object> wallet = web.get().uri("/api/wallet")
                .header("Authorization", "Bearer " + token(user, "user")).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> entries = (List<Map<String, Object>>) wallet.get("entries");
        assertThat(entries).anySatisfy(entry -> assertThat(entry)
                .containsEntry("id", "promotion:" + id).containsEntry("kind", "promotion").containsEntry("coins", 0)
                .containsEntry("sessionId", id).containsEntry("freeMinutes", 2).containsEntry("coinsWaived", 20));
        assertThat(entries).anySatisfy(entry -> assertThat(entry)
                .containsEntry("id", "session:" + id).containsEntry("kind", "debit").containsEntry("coins", -30));
        assertThat(wallet).containsEntry("balance", 70);
    }

    @Test
    void aUsersSecondSessionPaysEveryMinute() {
        String user = fresh("user");
        String astro = fresh("astro");
        String first = activeChatSession(user, astro, 10, 100);
        endAfter(user, first, Duration.ofSeconds(30));

        String second = (String) startSession(user, astro, "chat").get("id");
        accept(astro, second);
        Map<String, Object> ended = endAfter(user, second, Duration.ofSeconds(150));

        assertThat(ended).containsEntry("billedMinutes", 3).containsEntry("coinsCharged", 30);
        assertThat(wallets.balance(user).block()).isEqualTo(70);
        assertThat(wallets.entry("promotion:" + second).block()).isNull();
    }

    @Test
    void concurrentFirstSessionsOfOneUserGetThePromotionOnce() {
        String user = fresh("user");

        List<Long> granted = Flux.range(0, 16)
                .flatMap(i -> promotion.freeMinutes(user, "session-" + i).subscribeOn(Schedulers.parallel()))
                .collectList().block();

        assertThat(granted).hasSize(16).containsOnlyOnce(2L).filteredOn(minutes -> minutes == 0).hasSize(15);
    }

    @Test
    void freeMinutesExtendHowLongTheBalanceLasts() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 10);

        CLOCK.set(store.find(id).block().acceptedAt().plus(Duration.ofMinutes(2)).plusSeconds(59));
        sweeper.sweep().block();
        assertThat(store.find(id).block().endReason()).as("1 paid + 2 free minutes: still running").isNull();
        CLOCK.advance(Duration.ofSeconds(1));
        sweeper.sweep().block();

        assertThat(store.find(id).block().endReason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
        assertThat(store.find(id).block().billedMinutes()).isEqualTo(3);
        assertThat(store.find(id).block().coinsCharged()).isEqualTo(10);
        assertThat(wallets.balance(user).block()).isZero();
    }

    @Test
    void theAcceptedEventCountsTheFreeMinutesInWhatFundsCallTokens() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 10);

        Instant acceptedAt = store.find(id).block().acceptedAt();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class).isEmpty());
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class).get(0).fundedUntil())
                .as("1 paid + 2 free minutes").isEqualTo(acceptedAt.plus(Duration.ofMinutes(3)));
    }

    @Test
    void aFirstSessionWhoseAstrologerLeftWithinTheFirstMinuteLeavesThePromotionForTheNext() {
        String user = fresh("user");
        String astro = fresh("astro");
        String first = activeChatSession(user, astro, 10, 100);
        Instant acceptedAt = store.find(first).block().acceptedAt();
        CLOCK.set(acceptedAt.plusSeconds(90));
        presence(PresenceChanged.of(CLOCK.instant(), astro, astro, false, true, first, acceptedAt.plusSeconds(20),
                new Rates(10L, 20L, null), nextPresenceVersion(), true, 0, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(first).block().endReason() != null);

        onlineAstrologer(astro, 10);
        String second = (String) startSession(user, astro, "chat").get("id");
        accept(astro, second);
        Map<String, Object> ended = endAfter(user, second, Duration.ofSeconds(150));

        assertThat(store.find(first).block().billedMinutes()).isZero();
        assertThat(ended).containsEntry("billedMinutes", 3).containsEntry("freeMinutes", 2)
                .containsEntry("coinsCharged", 10);
    }
}
