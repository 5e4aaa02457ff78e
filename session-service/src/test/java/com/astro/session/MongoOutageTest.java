package com.astro.session;

import static com.astro.infra.Outages.readiness;
import static com.astro.infra.Outages.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.infra.EmbeddedMongo;
import com.astro.infra.StoppableMongo;
import com.astro.session.wallet.LedgerEntry;
import com.astro.session.wallet.WalletService;

/**
 * The service's Mongo stopped for 20 s and started again (for real: every connection cut, new ones refused): calls
 * meanwhile answer 503 problem details and change nothing, readiness is DOWN, and after the restart everything
 * works again without a service restart, with no half-applied credit or end.
 */
class MongoOutageTest extends SessionTestSupport {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final EmbeddedMongo MONGO = StoppableMongo.SERVER;

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnMongo extends StoppableMongo {
    }

    @Autowired
    WalletService wallets;

    @Test
    void callsWhileMongoIsDownAnswer503AndChangeNothingAndTheServiceRecoversWithoutRestart() throws Exception {
        WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(90)).build();
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 100);
        CLOCK.advance(Duration.ofSeconds(90));
        readiness(client).expectStatus().isOk();

        MONGO.stop();
        try {
            unavailable(call(client, "/api/sessions/end", token(user, "user"), Map.of("sessionId", id)));
            unavailable(call(client, "/api/wallets/" + user + "/credit", token("admin_1", "admin"),
                    Map.of("coins", 50, "idempotencyKey", "outage-" + user)));
            unavailable(client.get().uri("/api/wallet").header("Authorization", "Bearer " + token(user, "user"))
                    .exchange());
            readiness(client).expectStatus().isEqualTo(503);
            Thread.sleep(OUTAGE.toMillis());
        }
        finally {
            MONGO.restart();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> readiness(client).expectStatus().isOk());
        assertThat(wallets.balance(user).block()).isEqualTo(100);
        call(client, "/api/wallets/" + user + "/credit", token("admin_1", "admin"),
                Map.of("coins", 50, "idempotencyKey", "outage-" + user)).expectStatus().isOk();
        call(client, "/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk()
                .expectBody().jsonPath("$.coinsCharged").isEqualTo(20);
        assertThat(wallets.balance(user).block()).isEqualTo(130);
        assertThat(wallets.recentEntries(user, 10).map(LedgerEntry::coins).collectList().block())
                .containsExactlyInAnyOrder(100L, 50L, -20L);
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).hasSize(1);
    }

    private static WebTestClient.ResponseSpec call(WebTestClient client, String path, String bearer, Object body) {
        return client.post().uri(path).header("Authorization", "Bearer " + bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
