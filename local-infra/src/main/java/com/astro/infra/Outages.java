package com.astro.infra;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a fault test asks a service while a part it depends on is stopped, and after. */
public final class Outages {

    private Outages() {
    }

    /** The service's readiness probe, as the gateway asks it. */
    public static WebTestClient.ResponseSpec readiness(WebTestClient client) {
        return client.get().uri("/actuator/health/readiness").exchange();
    }

    /** The answer of a call that could not be served right now: 503 problem details. */
    public static void unavailable(WebTestClient.ResponseSpec answer) {
        answer.expectStatus().isEqualTo(503).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
