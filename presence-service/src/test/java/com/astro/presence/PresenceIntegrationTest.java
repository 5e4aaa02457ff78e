package com.astro.presence;

import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.kafka.EventPublisher;
import com.astro.infra.MutableClock;
import com.astro.infra.TestInfra;
import com.astro.presence.astrologer.AstrologerPresence;

/**
 * The running service against the shared embedded Kafka broker and Mongo server, real tokens, and a clock the
 * tests move. Every test class extends this one so they share one application context (and one database);
 * tests keep apart by using fresh astrologer ids. The periodic sweep is pushed out of the way so that tests
 * sweep when they choose.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "astro.presence.sweep-interval=1h",
        "astro.presence.disconnect-grace=30s",
        "astro.presence.heartbeat-misses=3",
        "astro.presence.default-heartbeat-interval=10s",
        "astro.presence.rates.min=1",
        "astro.presence.rates.max=1000" })
@AutoConfigureWebTestClient
@Import(TestClockConfiguration.class)
public abstract class PresenceIntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "presence-it");
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected ReactiveMongoTemplate mongo;

    @Autowired
    protected EventPublisher events;

    protected static String newAstrologerId() {
        return "astro_" + UUID.randomUUID().toString().substring(0, 12);
    }

    protected static String token(String sub, String role, String name) {
        return TestInfra.shared().issuer().mint(sub, role, name);
    }

    protected static String astrologerToken(String id) {
        return token(id, "astrologer", "Name of " + id);
    }

    protected static String adminToken() {
        return token("admin_1", "admin", "The Admin");
    }

    protected static String userToken() {
        return token("user_1", "user", "A User");
    }

    protected WebTestClient.ResponseSpec post(String path, String token) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    protected WebTestClient.ResponseSpec get(String path, String token) {
        return web.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    protected WebTestClient.ResponseSpec putJson(String path, String token, String json) {
        return web.put().uri(path).headers(h -> h.setBearerAuth(token))
                .header("Content-Type", "application/json").bodyValue(json).exchange();
    }

    protected void goOnline(String astrologerId) {
        post("/api/v1/astrologers/" + astrologerId + "/online", astrologerToken(astrologerId)).expectStatus().isOk();
    }

    protected AstrologerPresence stored(String astrologerId) {
        return mongo.findById(astrologerId, AstrologerPresence.class).block();
    }
}
