package com.astro.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets per user and route class, and per address for calls without a token (small budgets to see them run out). */
@TestPropertySource(properties = {
        "astro.gateway.rate-limits.session-start=2/1h",
        "astro.gateway.rate-limits.writes=3/1h",
        "astro.gateway.rate-limits.reads=5/1h",
        "astro.gateway.rate-limits.socket-handshakes=2/1h" })
class RateLimitTest extends GatewayTest {

    @Autowired
    WebTestClient client;

    @Test
    void aUserOverTheSessionStartBudgetGets429ProblemDetailsWithRetryAfterAndNothingIsForwarded() {
        String token = token("starter");
        startSession(token).expectStatus().isOk();
        startSession(token).expectStatus().isOk();
        int forwarded = GatewayTestBackends.SESSION.requests();

        startSession(token)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter -> assertThat(Long.parseLong(retryAfter)).isPositive())
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).startsWith("Too many requests"));
        assertThat(GatewayTestBackends.SESSION.requests()).isEqualTo(forwarded);
    }

    @Test
    void anotherUserHasABudgetOfItsOwn() {
        String first = token("busy");
        startSession(first).expectStatus().isOk();
        startSession(first).expectStatus().isOk();
        startSession(first).expectStatus().isEqualTo(429);

        startSession(token("calm")).expectStatus().isOk();
    }

    @Test
    void readsAndOtherWritesKeepTheirBudgetsWhenSessionStartsRanOut() {
        String token = token("reader");
        startSession(token).expectStatus().isOk();
        startSession(token).expectStatus().isOk();
        startSession(token).expectStatus().isEqualTo(429);

        client.get().uri("/api/wallet").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk();
        client.post().uri("/api/sessions/end").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk();
    }

    @Test
    void readsRunOutAtTheirOwnLargerBudget() {
        String token = token("scroller");
        for (int read = 0; read < 5; read++) {
            client.get().uri("/api/wallet").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk();
        }
        client.get().uri("/api/wallet").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void newSocketIoSessionsAreCountedPerAddressWhileEstablishedOnesAreLeftToChat() {
        handshake().expectStatus().isOk();
        handshake().expectStatus().isOk();
        handshake().expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);

        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=plain-sid").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec startSession(String token) {
        return client.post().uri("/api/sessions/start").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"astrologerId\":\"astro_1\",\"sessionType\":\"chat\"}")
                .exchange();
    }

    private WebTestClient.ResponseSpec handshake() {
        return client.get().uri("/socket.io/?EIO=4&transport=polling").exchange();
    }

    private static String token(String user) {
        return GatewayTestBackends.ISSUER.mint(user, "user", user);
    }
}
