package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.session.wallet.WalletService;

/**
 * Two running instances of the service (two application contexts on the same Mongo database and Kafka broker, each
 * with its own port, as behind the gateway): calls racing on both decide once, through the store, never per instance.
 */
class TwoInstancesTest extends SessionTestSupport {

    private static ConfigurableApplicationContext second;

    private static WebTestClient secondWeb;

    @Autowired
    WalletService wallets;

    @BeforeAll
    static void startSecondInstance() {
        second = secondInstance();
        secondWeb = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterAll
    static void stopSecondInstance() {
        second.close();
    }

    @Test
    void ofConcurrentAcceptsSpreadOverTwoInstancesExactlyOneWins() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = pendingChatSession(user, astro);
        String bearer = token(astro, "astrologer");

        List<Integer> statuses = concurrently(30, () -> on(instanceOfThisThread(), "/api/sessions/accept", bearer, id)
                .returnResult(String.class).getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409);
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).hasSize(1);
    }

    @Test
    void concurrentEndsSpreadOverTwoInstancesDebitTheWalletOnce() throws Exception {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 7, 100);
        CLOCK.advance(Duration.ofSeconds(130));
        String userBearer = token(user, "user");
        String astroBearer = token(astro, "astrologer");

        List<String> bodies = concurrently(30, () -> on(instanceOfThisThread(), "/api/sessions/end",
                Thread.currentThread().getId() % 3 == 0 ? userBearer : astroBearer, id)
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(bodies).containsOnly(bodies.get(0));
        assertThat(bodies.get(0)).contains("\"coinsCharged\":21").contains("\"status\":\"ended\"");
        assertThat(wallets.balance(user).block()).isEqualTo(79);
        assertThat(wallets.recentEntries(user, 10).collectList().block()).filteredOn(e -> e.coins() < 0)
                .singleElement().satisfies(e -> assertThat(e.coins()).isEqualTo(-21));
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).hasSize(1);
    }

    /** Half the threads call this test's instance, half the second one. */
    private WebTestClient instanceOfThisThread() {
        return Thread.currentThread().getId() % 2 == 0 ? web.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                : secondWeb;
    }

    private static WebTestClient.ResponseSpec on(WebTestClient instance, String path, String bearer, String sessionId) {
        return instance.post().uri(path).header("Authorization", "Bearer " + bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("sessionId", sessionId)).exchange();
    }
}
