package com.astro.gateway;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.BadTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad token is refused at the edge, before any service sees the request. */
class EdgeTokenTest extends GatewayTest {

    @Autowired
    WebTestClient client;

    static Stream<Arguments> badTokens() {
        return BadTokens.of(GatewayTestBackends.ISSUER).all().entrySet().stream()
                .map(bad -> Arguments.of(bad.getKey(), bad.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedWith401ProblemDetailsAndNeverForwarded(String defect, String token) {
        int before = GatewayTestBackends.SESSION.requests();
        if (token.length() > 8192) {
            // longer than an HTTP header may be: Netty refuses the request before security sees it
            client.get().uri("/api/sessions/s1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isEqualTo(431);
            assertThat(GatewayTestBackends.SESSION.requests()).as(defect).isEqualTo(before);
            return;
        }
        client.get().uri("/api/sessions/s1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        assertThat(GatewayTestBackends.SESSION.requests()).as(defect).isEqualTo(before);
    }
}
