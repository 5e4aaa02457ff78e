package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.astro.session.wallet.WalletService;

class WalletApiTest extends SessionTestSupport {

    @Autowired
    WalletService wallets;

    @Test
    void theSameIdempotencyKeyCreditsOnce() {
        String user = fresh("user");
        String admin = token("admin_1", "admin");
        String key = fresh("grant");

        for (int i = 0; i < 3; i++) {
            post("/api/wallets/" + user + "/credit", admin, Map.of("coins", 250, "idempotencyKey", key))
                    .expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(250);
        }
        assertThat(wallets.balance(user).block()).isEqualTo(250);
    }

    @Test
    void theSameKeyWithAnotherAmountIsAConflictAndChangesNothing() {
        String user = fresh("user");
        String admin = token("admin_1", "admin");
        String key = fresh("grant");
        post("/api/wallets/" + user + "/credit", admin, Map.of("coins", 100, "idempotencyKey", key)).expectStatus().isOk();

        post("/api/wallets/" + user + "/credit", admin, Map.of("coins", 101, "idempotencyKey", key))
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/wallets/" + fresh("user") + "/credit", admin, Map.of("coins", 100, "idempotencyKey", key))
                .expectStatus().isEqualTo(409);
        assertThat(wallets.balance(user).block()).isEqualTo(100);
    }

    @Test
    void onlyAnAdminCredits() {
        String user = fresh("user");
        post("/api/wallets/" + user + "/credit", token(user, "user"), Map.of("coins", 100, "idempotencyKey", fresh("k")))
                .expectStatus().isForbidden();
        post("/api/wallets/" + user + "/credit", token(fresh("astro"), "astrologer"),
                Map.of("coins", 100, "idempotencyKey", fresh("k"))).expectStatus().isForbidden();
        assertThat(wallets.balance(user).block()).isZero();
    }

    @Test
    void absurdOrMalformedCreditsAreRefused() {
        String user = fresh("user");
        String admin = token("admin_1", "admin");
        for (Object body : new Object[] { Map.of("coins", 0, "idempotencyKey", "k1"),
                Map.of("coins", -5, "idempotencyKey", "k2"), Map.of("coins", 1_000_000_000_000L, "idempotencyKey", "k3"),
                Map.of("coins", 1.5, "idempotencyKey", "k4"), Map.of("coins", "10", "idempotencyKey", "k5"),
                Map.of("coins", 10), Map.of("coins", 10, "idempotencyKey", ""), "{oops" }) {
            web.post().uri("/api/wallets/" + user + "/credit").header("Authorization", "Bearer " + admin)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isNotEmpty();
        }
        assertThat(wallets.balance(user).block()).isZero();
    }

    @Test
    void aUserSeesTheirOwnBalanceAndEntriesNewestFirst() {
        String user = fresh("user");
        credit(user, 30);
        CLOCK.advance(Duration.ofSeconds(1));
        credit(user, 12);

        web.get().uri("/api/wallet").header("Authorization", "Bearer " + token(user, "user")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo(user).jsonPath("$.balance").isEqualTo(42)
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[0].coins").isEqualTo(12).jsonPath("$.entries[0].kind").isEqualTo("credit");
        web.get().uri("/api/wallet").header("Authorization", "Bearer " + token(fresh("user"), "user")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(0);
    }

    @Test
    void concurrentCreditsWithOneKeyCreditOnce() throws Exception {
        String user = fresh("user");
        String admin = token("admin_1", "admin");
        String key = fresh("grant");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            var futures = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> post("/api/wallets/" + user + "/credit", admin,
                        Map.of("coins", 5, "idempotencyKey", key)).returnResult(String.class).getStatus().value()));
            }
            for (var future : futures) {
                assertThat(future.get()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(wallets.balance(user).block()).isEqualTo(5);
    }
}
