package com.astro.token.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionType;
import com.astro.common.kafka.EventPublisher;
import com.astro.infra.AuthorizationMatrix.Actor;
import com.astro.infra.AuthorizationMatrix.Outcome;
import com.astro.infra.AuthorizationMatrix;
import com.astro.infra.TestInfra;

/**
 * Every token route as every actor against one active session (issuing a token changes nothing, so the attempts
 * share it): only the session's two participants get a token; the table is printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AuthorizationMatrixTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-matrix");
        registry.add("spring.kafka.consumer.group-id", () -> "token-matrix-test");
        registry.add("astro.agora.app-id", () -> TokenApiTest.APP_ID);
        registry.add("astro.agora.app-certificate", () -> TokenApiTest.CERTIFICATE);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher events;

    @Autowired
    CallSessionStore store;

    @BeforeEach
    void patientClient() {
        // dozens of requests in a row on a shared machine: a slow answer is not a refusal
        web = web.mutate().responseTimeout(Duration.ofMinutes(1)).build();
    }

    @Test
    void onlyTheSessionsParticipantsGetCallTokens() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<Actor, String> ids = Map.of(Actor.USER, "user_" + suffix, Actor.OTHER_USER, "user_other_" + suffix,
                Actor.SESSION_ASTROLOGER, "astro_" + suffix, Actor.OTHER_ASTROLOGER, "astro_other_" + suffix,
                Actor.ADMIN, "admin_" + suffix);
        String channel = "session_" + suffix;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(SessionAccepted.of(now, "s_" + suffix, ids.get(Actor.USER), ids.get(Actor.SESSION_ASTROLOGER),
                SessionType.VIDEO, 10, now, channel, now.plus(Duration.ofHours(1)))).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.findByChannelName(channel).block() != null);

        AuthorizationMatrix<Map<Actor, String>> matrix = new AuthorizationMatrix<>(() -> ids)
                .row("POST /api/agora/token", Actor.PARTICIPANTS, (actor, f) -> Outcome.ofRequest(web,
                        HttpMethod.POST, "/api/agora/token", bearer(actor, f), Map.of("channelName", channel)))
                .row("GET /api/agora/token", Actor.PARTICIPANTS, (actor, f) -> Outcome.ofRequest(web,
                        HttpMethod.GET, "/api/agora/token?channelName=" + channel, bearer(actor, f), null))
                .row("POST /api/agora/rtm-token", Actor.PARTICIPANTS, (actor, f) -> Outcome.ofRequest(web,
                        HttpMethod.POST, "/api/agora/rtm-token", bearer(actor, f), Map.of("channelName", channel)))
                .run();

        System.out.println("token-service authorization matrix (" + matrix.size() + " attempts, * = allowed):\n"
                + matrix.table());
        assertThat(matrix.violations()).isEmpty();
    }

    private static String bearer(Actor actor, Map<Actor, String> ids) {
        if (actor == Actor.ANONYMOUS) {
            return null;
        }
        String id = ids.get(actor);
        String role = id.startsWith("astro") ? "astrologer" : id.startsWith("admin") ? "admin" : "user";
        return TestInfra.shared().issuer().mint(id, role, id);
    }
}
