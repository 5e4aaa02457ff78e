package com.astro.presence;

import static com.astro.infra.Outages.readiness;
import static com.astro.infra.Outages.unavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.PresenceChanged;
import com.astro.infra.EmbeddedMongo;
import com.astro.infra.StoppableMongo;

/**
 * The service's Mongo stopped for 20 s and started again (every connection cut, new ones refused): calls meanwhile
 * answer 503 problem details and change and publish nothing, readiness is DOWN, and after the restart everything
 * works again without a service restart.
 */
class MongoOutageTest extends PresenceIntegrationTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private static final EmbeddedMongo MONGO = StoppableMongo.SERVER;

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnMongo extends StoppableMongo {
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
