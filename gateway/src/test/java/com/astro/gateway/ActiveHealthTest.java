package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The readiness streams (checked every 200 ms here, a heartbeat every 200 ms): an instance that reports not ready, as one does when it
 * begins a graceful shutdown, gets no new requests; one that answers again, or comes back after a
 * crash on its port, rejoins the rotation without a gateway restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ActiveHealthTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static final FakeBackend PRESENCE_A = FakeBackend.start("presence-a");

    private static final FakeBackend PRESENCE_B = FakeBackend.start("presence-b");

    private static final FakeBackend TOKEN_A = FakeBackend.start("token-a");

    private static final FakeBackend SESSION_A = FakeBackend.start("session-a");

    private static final FakeBackend SESSION_B = FakeBackend.start("session-b");

    private static FakeBackend tokenB = FakeBackend.start("token-b");

    @Autowired
    WebTestClient client;

    private final String token = GatewayTestBackends.ISSUER.mint("user_1", "user", "Uma");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestBackends.register(registry);
        registry.add("astro.gateway.presence-url", () -> PRESENCE_A.url() + "," + PRESENCE_B.url());
        registry.add("astro.gateway.token-url", () -> TOKEN_A.url() + "," + tokenB.url());
        registry.add("astro.gateway.session-url", () -> SESSION_A.url() + "," + SESSION_B.url());
        registry.add("astro.gateway.probe-interval", () -> "200ms");
        registry.add("astro.gateway.probe-timeout", () -> "300ms");
        registry.add("astro.gateway.probe-heartbeat", () -> "200ms");
    }

    @AfterAll
    static void stopBackends() {
        List.of(PRESENCE_A, PRESENCE_B, TOKEN_A, tokenB, SESSION_A, SESSION_B).forEach(FakeBackend::close);
    }

    @Test
    void anInstanceThatReportsNotReadyGetsNoNewRequestsAndRejoinsWhenReadyAgain() {
        PRESENCE_B.ready(false);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backendsOf("/api/v1/astrologers/online", 4))
                .containsOnly("presence-a"));

        PRESENCE_B.ready(true);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backendsOf("/api/v1/astrologers/online", 4))
                .contains("presence-a", "presence-b"));
    }

    @Test
    void anInstanceThatComesBackOnItsPortAfterACrashRejoinsTheRotation() {
        int port = tokenB.port();
        tokenB.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backendsOf("/api/agora/token", 4))
                .containsOnly("token-a"));

        tokenB = FakeBackend.start("token-b", port);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backendsOf("/api/agora/token", 4))
                .contains("token-a", "token-b"));
    }

    @Test
    void anInstanceWhoseReadinessStopsAnsweringLeavesTheRotationAndRejoinsWhenItAnswers() {
        SESSION_B.readinessHangs(true);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backendsOf("/api/sessions/s1", 4))
                .containsOnly("session-a"));

        SESSION_B.readinessHangs(false);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(backendsOf("/api/sessions/s1", 4))
                .contains("session-a", "session-b"));
    }

    private List<String> backendsOf(String path, int requests) {
        return IntStream.range(0, requests)
                .mapToObj(i -> (String) client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("backend"))
                .toList();
    }
}
