package com.astro.presence.astrologer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;
import com.astro.common.event.Topics;
import com.astro.infra.TestInfra;
import com.astro.presence.PresenceIntegrationTest;
import com.astro.presence.PresenceTopic;
import com.astro.presence.connection.DisconnectSweeper;

class PresenceEventsTest extends PresenceIntegrationTest {

    @Test
    void goingOnlinePublishesTheWholePresenceKeyedByAstrologer() {
        String id = newAstrologerId();
        putJson("/api/v1/astrologers/" + id + "/rates", astrologerToken(id), "{\"chat\": 10, \"video\": 40}")
                .expectStatus().isOk();
        post("/api/v1/astrologers/" + id + "/online", token(id, "astrologer", "Asha")).expectStatus().isOk();

        List<PresenceChanged> events = PresenceTopic.eventsFor(id);
        assertThat(events).hasSize(2);
        PresenceChanged online = events.get(1);
        assertThat(online.type()).isEqualTo(Topics.PRESENCE_CHANGED);
        assertThat(online.schemaVersion()).isEqualTo(PresenceChanged.SCHEMA_VERSION);
        assertThat(online.eventId()).isNotBlank().isNotEqualTo(events.get(0).eventId());
        assertThat(online.astrologerId()).isEqualTo(id);
        assertThat(online.displayName()).isEqualTo("Asha");
        assertThat(online.online()).isTrue();
        assertThat(online.busy()).isFalse();
        assertThat(online.rates()).isEqualTo(new Rates(10L, null, 40L));
        assertThat(online.lastSeen()).isEqualTo(clock.instant());
        assertThat(online.version()).isEqualTo(2);
    }

    @Test
    void goingOfflinePublishesOfflineWithLastSeen() {
        String id = newAstrologerId();
        goOnline(id);
        clock.advance(Duration.ofMinutes(3));
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id)).expectStatus().isOk();
        PresenceChanged last = PresenceTopic.eventsFor(id).get(1);
        assertThat(last.online()).isFalse();
        assertThat(last.lastSeen()).isEqualTo(clock.instant());
        assertThat(last.version()).isEqualTo(2);
    }

    @Test
    void aChangeThatChangesNothingPublishesNothing() {
        String id = newAstrologerId();
        goOnline(id);
        goOnline(id);
        putJson("/api/v1/astrologers/" + id + "/rates", astrologerToken(id), "{\"chat\": 10}").expectStatus().isOk();
        putJson("/api/v1/astrologers/" + id + "/rates", astrologerToken(id), "{\"chat\": 10}").expectStatus().isOk();
        assertThat(PresenceTopic.eventsFor(id)).extracting(PresenceChanged::version).containsExactly(1L, 2L);
    }

    @Test
    void refusedChangesPublishNothing() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", userToken()).expectStatus().isForbidden();
        post("/api/v1/astrologers/" + id + "/online", astrologerToken(newAstrologerId())).expectStatus().isForbidden();
        putJson("/api/v1/astrologers/" + id + "/rates", astrologerToken(id), "{\"chat\": -1}").expectStatus().isBadRequest();
        assertThat(PresenceTopic.eventsFor(id)).isEmpty();
    }

    @Autowired
    PresenceStore store;

    @Autowired
    DisconnectSweeper sweeper;

    @Test
    void aChangeStoredButNeverPublishedIsPublishedByALaterSweep() {
        String id = newAstrologerId();
        // what an instance that died between storing the change and publishing it leaves behind
        store.goOnline(id, "Asha", clock.instant()).block();
        assertThat(PresenceTopic.eventsFor(id)).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        sweeper.sweep().block();
        assertThat(PresenceTopic.eventsFor(id)).isEmpty();

        clock.advance(Duration.ofSeconds(6));
        sweeper.sweep().block();
        sweeper.sweep().block();
        List<PresenceChanged> events = PresenceTopic.eventsFor(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).online()).isTrue();
        assertThat(events.get(0).displayName()).isEqualTo("Asha");
        assertThat(events.get(0).version()).isEqualTo(1);
        assertThat(stored(id).unpublished()).isFalse();
    }

    @Test
    void aPublishedChangeIsNotPublishedAgainBySweeps() {
        String id = newAstrologerId();
        goOnline(id);
        clock.advance(Duration.ofMinutes(1));
        sweeper.sweep().block();
        assertThat(PresenceTopic.eventsFor(id)).hasSize(1);
    }

    @Test
    void thePresenceTopicIsCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.shared().kafka().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRESENCE_CHANGED);
            Config config = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void concurrentTogglesEndInTheStateOfTheLastEventPublished() throws Exception {
        String id = newAstrologerId();
        String token = astrologerToken(id);
        int requests = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        try {
            for (int i = 0; i < requests; i++) {
                String action = i % 2 == 0 ? "online" : "offline";
                pool.submit(() -> {
                    start.await();
                    statuses.add(web.post().uri("/api/v1/astrologers/" + id + "/" + action)
                            .headers(h -> h.setBearerAuth(token)).exchange()
                            .returnResult(String.class).getStatus().value());
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(statuses).hasSize(requests).allMatch(status -> status == 200);

        AstrologerPresence stored = stored(id);
        List<PresenceChanged> events = PresenceTopic.eventsFor(id);
        PresenceChanged last = events.get(events.size() - 1);
        assertThat(last.version()).isEqualTo(stored.version());
        assertThat(last.online()).isEqualTo(stored.online());
        assertThat(events).extracting(PresenceChanged::version)
                .containsAll(LongStream.rangeClosed(1, stored.version()).boxed().toList());
        get("/api/v1/astrologers/" + id, userToken()).expectBody()
                .jsonPath("$.online").isEqualTo(last.online())
                .jsonPath("$.version").isEqualTo(last.version());
    }

    @Test
    void theOnlineListCanBeRebuiltFromTheTopicAlone() {
        String stays = newAstrologerId();
        String leaves = newAstrologerId();
        String adminSet = newAstrologerId();
        goOnline(stays);
        putJson("/api/v1/astrologers/" + stays + "/rates", astrologerToken(stays), "{\"audio\": 25}").expectStatus().isOk();
        goOnline(leaves);
        post("/api/v1/astrologers/" + leaves + "/offline", astrologerToken(leaves)).expectStatus().isOk();
        post("/api/v1/astrologers/" + adminSet + "/online", adminToken()).expectStatus().isOk();

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, PresenceChanged> latest = new HashMap<>();
            for (ConsumerRecord<String, PresenceChanged> record : PresenceTopic.readAll()) {
                latest.merge(record.key(), record.value(),
                        (kept, next) -> next.version() > kept.version() ? next : kept);
            }
            Map<String, String> rebuilt = latest.values().stream().filter(PresenceChanged::online)
                    .collect(Collectors.toMap(PresenceChanged::astrologerId, PresenceEventsTest::summary));
            Map<String, String> served = get("/api/v1/astrologers/online", adminToken()).expectStatus().isOk()
                    .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                    .collect(Collectors.toMap(view -> (String) view.get("id"), PresenceEventsTest::summary));
            assertThat(rebuilt).isEqualTo(served).containsKeys(stays, adminSet).doesNotContainKey(leaves);
        });
    }

    private static String summary(PresenceChanged event) {
        Rates rates = event.rates();
        return String.join("|", event.astrologerId(), String.valueOf(event.displayName()), String.valueOf(event.busy()),
                String.valueOf(event.currentSessionId()), String.valueOf(rates.chat()), String.valueOf(rates.audio()),
                String.valueOf(rates.video()), String.valueOf(event.lastSeen()), String.valueOf(event.version()));
    }

    @SuppressWarnings("rawtypes")
    private static String summary(Map view) {
        Map rates = (Map) view.get("rates");
        return String.join("|", (String) view.get("id"), String.valueOf(view.get("displayName")),
                String.valueOf(view.get("busy")), String.valueOf(view.get("currentSessionId")),
                String.valueOf(rates.get("chat")), String.valueOf(rates.get("audio")), String.valueOf(rates.get("video")),
                String.valueOf(view.get("lastSeen")), String.valueOf(view.get("version")));
    }
}
