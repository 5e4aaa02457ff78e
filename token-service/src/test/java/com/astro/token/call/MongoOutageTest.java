package com.astro.token.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionType;
import com.astro.common.kafka.EventPublisher;
import com.astro.infra.EmbeddedMongo;
import com.astro.infra.TestInfra;

/**
 * token-service's Mongo stopped for 20 s and started again: a {@code session-ended} published meanwhile is applied
 * once Mongo is back (it used to be skipped after a minute of retries, and the ended session kept getting tokens),
 * calls during the outage answer 503 problem details, readiness is DOWN while Mongo is away and UP again after,
 * and everything recovers without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT90S")
class MongoOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final EmbeddedMongo MONGO = EmbeddedMongo.startStoppable(0);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-outage");
        // a request waits for an unreachable server this long before it fails (the driver's default is 30 s)
        registry.add("spring.mongodb.uri", () -> MONGO.connectionString() + "/?serverSelectionTimeoutMS=5000");
        registry.add("spring.kafka.consumer.group-id", () -> "token-outage-test");
        registry.add("astro.kafka.retry-max-interval", () -> "1s");
        registry.add("astro.agora.app-id", () -> TokenApiTest.APP_ID);
        registry.add("astro.agora.app-certificate", () -> TokenApiTest.CERTIFICATE);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher events;

    @Autowired
    CallSessionStore store;

    @Test
    void anEndPublishedWhileMongoIsDownIsAppliedWhenItIsBackAndCallsMeanwhileAnswer503() throws Exception {
        String id = UUID.randomUUID().toString();
        String user = "user_" + id.substring(0, 8);
        String astrologer = "astro_" + id.substring(0, 8);
        String channel = "session_" + id;
        Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        events.publish(SessionAccepted.of(acceptedAt, id, user, astrologer, SessionType.VIDEO, 10, acceptedAt, channel))
                .block(Duration.ofSeconds(30));
        awaitStatus(id, CallSession.Status.ACTIVE);
        token(user, channel).expectStatus().isOk();
        readiness().expectStatus().isOk();

        MONGO.stop();
        try {
            Instant endedAt = acceptedAt.plusSeconds(60);
            events.publish(SessionEnded.of(endedAt, id, user, astrologer, SessionType.VIDEO, EndReason.COMPLETED, user,
                    acceptedAt, endedAt, 10, 1, 10, channel)).block(Duration.ofSeconds(30));
            token(user, channel).expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            readiness().expectStatus().isEqualTo(503);
            Thread.sleep(OUTAGE.toMillis());
        }
        finally {
            MONGO.restart();
        }

        awaitStatus(id, CallSession.Status.ENDED);
        token(user, channel).expectStatus().isEqualTo(410);
        readiness().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec readiness() {
        return web.get().uri("/actuator/health/readiness").exchange();
    }

    private WebTestClient.ResponseSpec token(String caller, String channel) {
        return web.post().uri("/api/agora/token")
                .headers(h -> h.setBearerAuth(TestInfra.shared().issuer().mint(caller, "user", null)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("channelName", channel)).exchange();
    }

    private void awaitStatus(String sessionId, CallSession.Status status) {
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            CallSession stored = store.findById(sessionId).block(Duration.ofSeconds(10));
            return stored != null && stored.status() == status;
        });
    }
}
