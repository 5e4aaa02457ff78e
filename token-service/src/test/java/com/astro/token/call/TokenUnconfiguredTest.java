package com.astro.token.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.TestInfra;

/** Without AGORA_APP_ID and AGORA_APP_CERTIFICATE the service starts, is healthy, and says why it cannot help. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "astro.agora.app-id=", "astro.agora.app-certificate=" })
@AutoConfigureWebTestClient
class TokenUnconfiguredTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-unconfigured");
        registry.add("spring.kafka.consumer.group-id", () -> "token-unconfigured-test");
    }

    @Autowired
    WebTestClient web;

    @Test
    void serviceIsHealthyWithoutAgora() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void rtcTokenAnswers503SayingAgoraIsNotConfigured() {
        web.post().uri("/api/agora/token").headers(h -> h.setBearerAuth(jwt()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channelName", "session_x")).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail ->
                        assertThat((String) detail)
                                .startsWith("Agora is not configured"));
    }

    @Test
    void getTokenAnswers503() {
        web.get().uri(b -> b.path("/api/agora/token").queryParam("channelName", "session_x").build())
                .headers(h -> h.setBearerAuth(jwt())).exchange().expectStatus().isEqualTo(503);
    }

    @Test
    void rtmTokenAnswers503() {
        web.post().uri("/api/agora/rtm-token").headers(h -> h.setBearerAuth(jwt()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channelName", "session_x")).exchange()
                .expectStatus().isEqualTo(503);
    }

    private static String jwt() {
        return TestInfra.shared().issuer().mint("user_1", "user", null);
    }
}
