package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;


/**
 * Instances that die while the gateway runs, with the readiness probe too slow to notice (one hour):
 * what the gateway learns from the refused connection alone. Each test kills its own instance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PassiveFailoverTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static final FakeBackend SESSION_LIVE = FakeBackend.start("session-live");

    private static final FakeBackend SESSION_DYING = FakeBackend.start("session-dying");

    private static final FakeBackend CHAT_LIVE = FakeBackend.start("chat-live");

    private static final FakeBackend CHAT_DYING_GET = FakeBackend.start("chat-dying-get");

    private static final FakeBackend CHAT_DYING_WS = FakeBackend.start("chat-dying-ws");

    private static final FakeBackend CHAT_DYING_POLL = FakeBackend.start("chat-dying-poll");

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private final String token = GatewayTestBackends.ISSUER.mint("user_1", "user", "Uma");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestBackends.register(registry);
        registry.add("astro.gateway.session-url", () -> SESSION_LIVE.url() + "," + SESSION_DYING.url());
        registry.add("astro.gateway.chat-url", () -> CHAT_LIVE.url() + "," + CHAT_DYING_GET.url() + "," + CHAT_DYING_WS.url()
                + "," + CHAT_DYING_POLL.url());
        registry.add("astro.gateway.probe-interval", () -> "1h");
    }

    @AfterAll
    static void stopBackends() {
        List.of(SESSION_LIVE, CHAT_LIVE).forEach(FakeBackend::close);
    }

    @Test
    void aPostThatMeetsADeadInstanceIsNotRetriedAndTheInstanceLeavesTheRotation() {
        SESSION_DYING.close();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(client.post().uri("/api/sessions/start").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().returnResult(String.class).getStatus().value());
        }
        // the one POST that met the dead instance is answered 503, never sent again: it might have reached it
        assertThat(statuses).containsOnlyOnce(503).containsOnly(200, 503);
        assertThat(SESSION_LIVE.requests()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aGetThatMeetsADeadInstanceIsRetriedOnAnotherOne() {
        CHAT_DYING_GET.close();
        for (int i = 0; i < 9; i++) {
            EntityExchangeResult<Map<String, Object>> answer = client.get().uri("/api/chat/sessions/s1/messages")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk().expectBody(JSON).returnResult();
            assertThat((String) answer.getResponseBody().get("backend")).isNotEqualTo("chat-dying-get");
        }
    }

    @Test
    void aWebSocketUpgradeThatMeetsADeadInstanceIsRetriedOnAnotherOne() {
        CHAT_DYING_WS.close();
        for (int i = 0; i < 6; i++) {
            assertThat(echoOverWebSocket("/socket.io/?EIO=4&transport=websocket", "hi")).endsWith(":hi")
                    .doesNotStartWith("chat-dying-ws");
        }
    }

    @Test
    void aPollOfASessionWhoseInstanceDiedIs503NamingChat() {
        String sid = GatewayTestBackends.sidOf("127.0.0.1:" + CHAT_DYING_POLL.port());
        CHAT_DYING_POLL.close();
        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=" + sid)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("chat-service is unavailable");
    }

    private String echoOverWebSocket(String path, String text) {
        return GatewayTestBackends.echoOverWebSocket(port, path, text);
    }
}
