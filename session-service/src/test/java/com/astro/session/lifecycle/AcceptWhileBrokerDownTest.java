package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.Topics;
import com.astro.infra.EmbeddedKafka;
import com.astro.infra.TestInfra;
import com.astro.session.SessionTestSupport;

/**
 * Billing starts at {@code acceptedAt}: an accept while the Kafka broker is down (stopped for real) must not leave
 * an active session that neither the user nor chat was told about. It is refused with 503 and the session stays
 * requested; accepted again once the broker is back, it is announced once and billed from then.
 */
class AcceptWhileBrokerDownTest extends SessionTestSupport {

    @Autowired
    SessionStore store;

    @Test
    void anAcceptWhileTheBrokerIsDownIsRefusedWith503AndTheSessionStaysRequested() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = pendingChatSession(user, astro);
        EmbeddedKafka kafka = TestInfra.shared().kafka();

        kafka.stopBroker();
        try {
            web.mutate().responseTimeout(Duration.ofSeconds(90)).build()
                    .post().uri("/api/sessions/accept").header("Authorization", "Bearer " + token(astro, "astrologer"))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("sessionId", id)).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(503).jsonPath("$.sessionId").isEqualTo(id)
                    .jsonPath("$.sessionStatus").isEqualTo("pending");

            var stored = store.find(id).block();
            assertThat(stored.status()).isEqualTo(SessionStatus.PENDING);
            assertThat(stored.acceptedAt()).isNull();
        }
        finally {
            kafka.startBroker();
        }

        CLOCK.advance(Duration.ofSeconds(20));
        Map<String, Object> accepted = accept(astro, id);
        assertThat(accepted.get("acceptedAt")).isEqualTo(CLOCK.instant().toString());
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).singleElement()
                .satisfies(event -> assertThat(event.acceptedAt()).isEqualTo(CLOCK.instant()));
    }
}
