package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("dev")
class DevProfileTest {

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestBackends.register(registry);
    }

    @Autowired
    WebTestClient client;

    @Test
    void inTheDevProfileTokensAreMintedThroughTheGatewayWithoutAToken() {
        Map<String, Object> answer = client.post().uri("/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sub\":\"astro_1\",\"role\":\"astrologer\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(answer).containsKey("token");
    }

    @Test
    void aMintedDevTokenIsAcceptedAtTheEdge() {
        String token = client.post().uri("/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sub\":\"user_9\",\"role\":\"user\"}")
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() {
                }).returnResult().getResponseBody().get("token");
        client.get().uri("/api/v1/astrologers/online").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("presence");
    }

    @Test
    void healthIsOpenAndUp() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
