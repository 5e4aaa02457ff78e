package com.astro.presence;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.TestInfra;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class FoundationSmokeTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "presence-smoke");
    }

    @Autowired
    WebTestClient web;

    @Test
    void healthIsOpenAndUp() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void requestWithoutTokenGetsProblem401() {
        web.get().uri("/api/v1/astrologers/online").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void validTokenPassesSecurity() {
        String token = TestInfra.shared().issuer().mint("u1", "user", null);
        web.get().uri("/api/v1/astrologers/online").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
    }
}
