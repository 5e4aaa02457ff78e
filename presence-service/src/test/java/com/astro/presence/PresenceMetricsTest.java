package com.astro.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.astro.infra.PrometheusScrape;

/** Presence broadcasts at {@code /actuator/prometheus}, scraped without a token after astrologers change state. */
class PresenceMetricsTest extends PresenceIntegrationTest {

    @LocalServerPort
    int port;

    private PrometheusScrape scrape() {
        return PrometheusScrape.of("http://localhost:" + port);
    }

    private double broadcasts(String state) {
        return scrape().sum("presence_broadcasts_total", "state", state);
    }

    @Test
    void anAstrologerGoingOnlineThenOfflineIsTwoBroadcasts() {
        String id = newAstrologerId();
        double online = broadcasts("online");
        double offline = broadcasts("offline");

        post("/api/v1/astrologers/" + id + "/online", astrologerToken(id)).expectStatus().isOk();
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id)).expectStatus().isOk();

        await().atMost(WAIT).until(() -> broadcasts("online") >= online + 1 && broadcasts("offline") >= offline + 1);
    }

    @Test
    void theServicesNameLabelsEverySeries() {
        assertThat(scrape().has("jvm_threads_live_threads", "application", "presence-service")).isTrue();
    }
}
