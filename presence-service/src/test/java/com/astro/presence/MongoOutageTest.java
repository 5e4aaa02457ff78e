package com.astro.presence;

import static com.astro.infra.Outages.readiness;
import static com.astro.infra.Outages.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.PresenceChanged;
import com.astro.infra.EmbeddedMongo;
import com.mongodb.ConnectionString;

/**
 * The service's Mongo stopped for 20 s and started again (every connection cut, new ones refused): calls meanwhile
 * answer 503 problem details and change and publish nothing, readiness is DOWN, and after the restart everything
 * works again without a service restart.
 */
class MongoOutageTest extends PresenceIntegrationTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final EmbeddedMongo MONGO = EmbeddedMongo.startStoppable(0);

    /**
     * The context's Mongo is this test's own server, which it stops (Boot prefers connection details to the shared
     * server's properties). A request waits for an unreachable server 5 s before it fails (the driver's default: 30).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoppableMongo {

        @Bean
        MongoConnectionDetails stoppableMongo() {
            return () -> new ConnectionString(MONGO.connectionString() + "/?serverSelectionTimeoutMS=5000");
        }
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Test
    void callsWhileMongoIsDownAnswer503AndChangeNothingAndTheServiceRecoversWithoutRestart() throws Exception {
        WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(90)).build();
        String astro = newAstrologerId();
        client.post().uri("/api/v1/astrologers/" + astro + "/online")
                .headers(h -> h.setBearerAuth(astrologerToken(astro))).exchange().expectStatus().isOk();
        readiness(client).expectStatus().isOk();

        MONGO.stop();
        try {
            unavailable(client.post().uri("/api/v1/astrologers/" + astro + "/offline")
                    .headers(h -> h.setBearerAuth(astrologerToken(astro))).exchange());
            unavailable(client.get().uri("/api/v1/astrologers/online").headers(h -> h.setBearerAuth(userToken()))
                    .exchange());
            readiness(client).expectStatus().isEqualTo(503);
            Thread.sleep(OUTAGE.toMillis());
        }
        finally {
            MONGO.restart();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> readiness(client).expectStatus().isOk());
        assertThat(stored(astro).online()).isTrue();
        assertThat(PresenceTopic.eventsFor(astro)).extracting(PresenceChanged::online).containsExactly(true);
        client.post().uri("/api/v1/astrologers/" + astro + "/offline")
                .headers(h -> h.setBearerAuth(astrologerToken(astro))).exchange().expectStatus().isOk();
        assertThat(stored(astro).online()).isFalse();
    }
}
