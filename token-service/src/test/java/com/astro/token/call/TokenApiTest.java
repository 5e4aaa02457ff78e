package com.astro.token.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionType;
import com.astro.common.event.Topics;
import com.astro.common.kafka.EventPublisher;
import com.astro.infra.MutableClock;
import com.astro.infra.PrometheusScrape;
import com.astro.infra.TestInfra;
import com.astro.token.agora.AgoraNames;
import com.astro.token.agora.AgoraTokenCheck;

import io.agora.media.AccessToken2;
import io.agora.media.AccessToken2.PrivilegeRtc;
import io.agora.media.AccessToken2.PrivilegeRtm;

/**
 * The token endpoints over the real embedded Kafka broker and Mongo server: sessions are learnt from events
 * published to Kafka here, and every token answered is decoded with Agora's parser and its signature checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenApiTest {

    static final String APP_ID = "0123456789abcdef0123456789abcdef";

    static final String CERTIFICATE = "fedcba9876543210fedcba9876543210";

    static final String GROUP = "token-api-test";

    static final MutableClock CLOCK = MutableClock.startingNow();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-api");
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
        registry.add("astro.agora.app-id", () -> APP_ID);
        registry.add("astro.agora.app-certificate", () -> CERTIFICATE);
        registry.add("astro.agora.token-ttl", () -> "1h");
        registry.add("astro.agora.max-session-length", () -> "3h");
    }

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher events;

    @LocalServerPort
    int port;

    @Autowired
    CallSessionStore store;

    record Session(String id, String userId, String astrologerId, String channel, Instant acceptedAt) {
    }

    @Test
    void metricsAreServedWithoutATokenUnderTheServicesName() {
        PrometheusScrape scrape = PrometheusScrape.of("http://localhost:" + port);

        assertThat(scrape.has("jvm_memory_used_bytes", "application", "token-service")).isTrue();
    }

    @Test
    void userOfAnActiveSessionGetsAPublisherTokenForTheirAccount() {
        Session session = active();
        Instant before = Instant.now().minusSeconds(1);

        Map<String, Object> answer = postToken(session.userId(), Map.of("channelName", session.channel()));

        assertThat(answer).containsEntry("appId", APP_ID).containsEntry("channelName", session.channel())
                .containsEntry("uid", session.userId()).containsEntry("sessionId", session.id());
        String token = (String) answer.get("token");
        AccessToken2 parsed = AgoraTokenCheck.parse(token);
        assertThat(parsed.appId).isEqualTo(APP_ID);
        AccessToken2.ServiceRtc rtc = (AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC);
        assertThat(rtc.getChannelName()).isEqualTo(session.channel());
        assertThat(rtc.getUid()).isEqualTo(session.userId());
        assertThat(AgoraTokenCheck.privileges(parsed, AccessToken2.SERVICE_TYPE_RTC)).isEqualTo(Map.of(
                PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL.intValue, 3600,
                PrivilegeRtc.PRIVILEGE_PUBLISH_AUDIO_STREAM.intValue, 3600,
                PrivilegeRtc.PRIVILEGE_PUBLISH_VIDEO_STREAM.intValue, 3600,
                PrivilegeRtc.PRIVILEGE_PUBLISH_DATA_STREAM.intValue, 3600));
        assertThat(parsed.expire).isEqualTo(3600);
        assertThat(Instant.ofEpochSecond(parsed.issueTs)).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(Instant.parse((String) answer.get("expiresAt")))
                .isEqualTo(Instant.ofEpochSecond(parsed.issueTs + 3600L));
        assertThat(AgoraTokenCheck.signedWith(token, CERTIFICATE)).isTrue();
        assertThat(AgoraTokenCheck.signedWith(token, "00112233445566778899aabbccddeeff")).isFalse();
    }

    @Test
    void astrologerOfAnActiveSessionGetsATokenForTheirAccount() {
        Session session = active();

        Map<String, Object> answer = postToken(session.astrologerId(), Map.of("channelName", session.channel()));

        AccessToken2 parsed = AgoraTokenCheck.parse((String) answer.get("token"));
        AccessToken2.ServiceRtc rtc = (AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC);
        assertThat(rtc.getUid()).isEqualTo(session.astrologerId());
        assertThat(rtc.getChannelName()).isEqualTo(session.channel());
        assertThat(AgoraTokenCheck.signedWith((String) answer.get("token"), CERTIFICATE)).isTrue();
    }

    @Test
    void explicitOwnAccountUidIsAccepted() {
        Session session = active();

        Map<String, Object> answer = postToken(session.userId(),
                Map.of("channelName", session.channel(), "uid", session.userId()));

        assertThat(answer).containsEntry("uid", session.userId());
    }

    @Test
    void ownNumericUidGetsAUidToken() {
        Session session = active();
        long numeric = AgoraNames.numericUidOf(session.userId());

        Map<String, Object> answer = postToken(session.userId(),
                Map.of("channelName", session.channel(), "uid", numeric));

        assertThat(((Number) answer.get("uid")).longValue()).isEqualTo(numeric);
        AccessToken2 parsed = AgoraTokenCheck.parse((String) answer.get("token"));
        AccessToken2.ServiceRtc rtc = (AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC);
        assertThat(rtc.getUid()).isEqualTo(Long.toString(numeric));
        assertThat(AgoraTokenCheck.signedWith((String) answer.get("token"), CERTIFICATE)).isTrue();
    }

    @Test
    void someoneElsesAccountIsForbidden() {
        Session session = active();

        post("/api/agora/token", session.userId(), Map.of("channelName", session.channel(), "uid",
                session.astrologerId())).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aNumericUidNotDerivedFromTheCallerIsForbidden() {
        Session session = active();
        long theirs = AgoraNames.numericUidOf(session.astrologerId());

        post("/api/agora/token", session.userId(), Map.of("channelName", session.channel(), "uid", theirs))
                .expectStatus().isForbidden();
    }

    @Test
    void nonParticipantIsForbidden() {
        Session session = active();

        post("/api/agora/token", "stranger_" + UUID.randomUUID(), Map.of("channelName", session.channel()))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Only"));
    }

    @Test
    void unknownChannelIsNotFound() {
        post("/api/agora/token", "user_" + UUID.randomUUID(), Map.of("channelName", "never_" + UUID.randomUUID()))
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void endedSessionIsGone() {
        Session session = active();
        events.publish(ended(session)).block();
        awaitStatus(session.id(), CallSession.Status.ENDED);

        post("/api/agora/token", session.userId(), Map.of("channelName", session.channel()))
                .expectStatus().isEqualTo(410)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aTokenIssuedJustBeforeTheCoinsRunOutExpiresWhenTheyDo() {
        CLOCK.set(Instant.now());
        Session session = sessionAcceptedAgo(Duration.ofSeconds(100));
        // the balance paid for two minutes: 20 seconds of them are left
        Instant fundedUntil = session.acceptedAt().plus(Duration.ofMinutes(2));
        events.publish(accepted(session, fundedUntil)).block();
        awaitStatus(session.id(), CallSession.Status.ACTIVE);

        Map<String, Object> answer = postToken(session.userId(), Map.of("channelName", session.channel()));

        AccessToken2 parsed = AgoraTokenCheck.parse((String) answer.get("token"));
        Instant issued = Instant.ofEpochSecond(parsed.issueTs);
        for (int privilege : AgoraTokenCheck.privileges(parsed, AccessToken2.SERVICE_TYPE_RTC).values()) {
            assertThat(issued.plusSeconds(privilege)).isBetween(fundedUntil.minusSeconds(2), fundedUntil);
        }
        assertThat(Instant.parse((String) answer.get("expiresAt"))).isBetween(fundedUntil.minusSeconds(2), fundedUntil);
    }

    @Test
    void noTokenOnceTheCoinsHaveRunOutEvenBeforeTheSessionEnds() {
        CLOCK.set(Instant.now());
        Session session = sessionAcceptedAgo(Duration.ofMinutes(3));
        events.publish(accepted(session, session.acceptedAt().plus(Duration.ofMinutes(2)))).block();
        awaitStatus(session.id(), CallSession.Status.ACTIVE);

        post("/api/agora/token", session.astrologerId(), Map.of("channelName", session.channel()))
                .expectStatus().isEqualTo(410)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("coins"));
    }

    @Test
    void coinsLastingPastTheRenewalWindowGiveATokenForTheWindowOnly() {
        Session session = newSession();
        events.publish(accepted(session, session.acceptedAt().plus(Duration.ofHours(2)))).block();
        awaitStatus(session.id(), CallSession.Status.ACTIVE);

        Map<String, Object> answer = postToken(session.userId(), Map.of("channelName", session.channel()));

        assertThat(AgoraTokenCheck.parse((String) answer.get("token")).expire).isEqualTo(3600);
    }

    @Test
    void endedBeforeAcceptedStaysEnded() {
        Session session = newSession();
        events.publish(ended(session)).block();
        awaitStatus(session.id(), CallSession.Status.ENDED);
        events.publish(accepted(session)).block();
        awaitAcceptedApplied(session);

        assertThat(store.findById(session.id()).block().status()).isEqualTo(CallSession.Status.ENDED);
        post("/api/agora/token", session.userId(), Map.of("channelName", session.channel()))
                .expectStatus().isEqualTo(410);
    }

    @Test
    void replayedAcceptAfterEndDoesNotReopenTheSession() {
        Session session = active();
        events.publish(ended(session)).block();
        awaitStatus(session.id(), CallSession.Status.ENDED);
        events.publish(accepted(session)).block();
        awaitAcceptedApplied(session);

        post("/api/agora/token", session.astrologerId(), Map.of("channelName", session.channel()))
                .expectStatus().isEqualTo(410);
    }

    @Test
    void getWithQueryParametersStaysCompatible() {
        Session session = active();

        Map<String, Object> answer = web.get()
                .uri(b -> b.path("/api/agora/token").queryParam("channelName", session.channel())
                        .queryParam("uid", session.userId()).build())
                .headers(h -> h.setBearerAuth(jwt(session.userId()))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(answer).containsEntry("uid", session.userId()).containsEntry("channelName", session.channel());
        assertThat(AgoraTokenCheck.signedWith((String) answer.get("token"), CERTIFICATE)).isTrue();
    }

    @Test
    void getWithTheCallersNumericUidGivesAUidToken() {
        Session session = active();
        long numeric = AgoraNames.numericUidOf(session.astrologerId());

        Map<String, Object> answer = web.get()
                .uri(b -> b.path("/api/agora/token").queryParam("channelName", session.channel())
                        .queryParam("uid", numeric).build())
                .headers(h -> h.setBearerAuth(jwt(session.astrologerId()))).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        AccessToken2 parsed = AgoraTokenCheck.parse((String) answer.get("token"));
        assertThat(((AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC)).getUid())
                .isEqualTo(Long.toString(numeric));
    }

    @Test
    void rtmTokenLogsTheParticipantIn() {
        Session session = active();

        Map<String, Object> answer = post("/api/agora/rtm-token", session.astrologerId(),
                Map.of("channelName", session.channel())).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        String token = (String) answer.get("token");
        AccessToken2 parsed = AgoraTokenCheck.parse(token);
        assertThat(parsed.appId).isEqualTo(APP_ID);
        assertThat(((AccessToken2.ServiceRtm) parsed.services.get(AccessToken2.SERVICE_TYPE_RTM)).getUserId())
                .isEqualTo(session.astrologerId());
        assertThat(AgoraTokenCheck.privileges(parsed, AccessToken2.SERVICE_TYPE_RTM))
                .isEqualTo(Map.of(PrivilegeRtm.PRIVILEGE_LOGIN.intValue, 3600));
        assertThat(AgoraTokenCheck.signedWith(token, CERTIFICATE)).isTrue();
        assertThat(answer).containsEntry("uid", session.astrologerId());
    }

    @Test
    void rtmTokenFollowsTheSameParticipantRule() {
        Session session = active();

        post("/api/agora/rtm-token", "stranger_" + UUID.randomUUID(), Map.of("channelName", session.channel()))
                .expectStatus().isForbidden();
        post("/api/agora/rtm-token", session.userId(), Map.of("channelName", session.channel(), "uid",
                session.astrologerId())).expectStatus().isForbidden();
        post("/api/agora/rtm-token", session.userId(), Map.of("channelName", session.channel(), "uid", 12))
                .expectStatus().isBadRequest();
    }

    @Test
    void tokenNeverOutlivesTheLongestSession() {
        Session session = active();
        CLOCK.advance(Duration.ofMinutes(150));
        try {
            Map<String, Object> answer = postToken(session.userId(), Map.of("channelName", session.channel()));

            AccessToken2 parsed = AgoraTokenCheck.parse((String) answer.get("token"));
            // accepted at t0 with a 3h limit, asked at t0+2h30: 30 minutes left, not the one-hour default
            assertThat(parsed.expire).isBetween(1799, 1800);
            assertThat(AgoraTokenCheck.privileges(parsed, AccessToken2.SERVICE_TYPE_RTC).values())
                    .containsOnly(parsed.expire);
        }
        finally {
            CLOCK.advance(Duration.ofMinutes(-150));
        }
    }

    @Test
    void sessionPastItsLongestLengthIsGone() {
        Session session = active();
        CLOCK.advance(Duration.ofHours(3).plusSeconds(1));
        try {
            post("/api/agora/token", session.userId(), Map.of("channelName", session.channel()))
                    .expectStatus().isEqualTo(410);
        }
        finally {
            CLOCK.advance(Duration.ofHours(-3).minusSeconds(1));
        }
    }

    @Test
    void badInputIsRejectedWith400() {
        Session session = active();
        String user = session.userId();
        String channel = session.channel();
        badRequest(user, Map.of("channelName", ""));
        badRequest(user, Map.of("channelName", "x".repeat(65)));
        badRequest(user, Map.of("channelName", "slash/is/not/allowed"));
        badRequest(user, Map.of("channelName", 42));
        badRequest(user, Map.of("uid", user));
        badRequest(user, Map.of("channelName", channel, "uid", 0));
        badRequest(user, Map.of("channelName", channel, "uid", -5));
        badRequest(user, Map.of("channelName", channel, "uid", 4_294_967_296L));
        badRequest(user, Map.of("channelName", channel, "uid", 1.5));
        badRequest(user, Map.of("channelName", channel, "uid", true));
        badRequest(user, Map.of("channelName", channel, "uid", "bad\"uid"));
        badRequest(user, Map.of("channelName", channel, "role", "publisher"));
        web.post().uri("/api/agora/token").headers(h -> h.setBearerAuth(jwt(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]").exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/agora/token").headers(h -> h.setBearerAuth(jwt(user)))
                .contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/agora/token").headers(h -> h.setBearerAuth(jwt(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"channelName\": ").exchange()
                .expectStatus().isBadRequest();
        web.get().uri(b -> b.path("/api/agora/token").queryParam("uid", user).build())
                .headers(h -> h.setBearerAuth(jwt(user))).exchange().expectStatus().isBadRequest();
        web.get().uri(b -> b.path("/api/agora/token").queryParam("channelName", channel).queryParam("uid", "0").build())
                .headers(h -> h.setBearerAuth(jwt(user))).exchange().expectStatus().isBadRequest();
    }

    @Test
    void requestWithoutJwtIsUnauthorized() {
        web.post().uri("/api/agora/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channelName", "any")).exchange().expectStatus().isUnauthorized();
    }

    private void badRequest(String caller, Map<String, Object> body) {
        post("/api/agora/token", caller, body).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private Session newSession() {
        String id = UUID.randomUUID().toString();
        return new Session(id, "user_" + id.substring(0, 8), "astro_" + id.substring(0, 8), "session_" + id,
                CLOCK.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private Session sessionAcceptedAgo(Duration ago) {
        Session fresh = newSession();
        return new Session(fresh.id(), fresh.userId(), fresh.astrologerId(), fresh.channel(),
                fresh.acceptedAt().minus(ago));
    }

    private Session active() {
        Session session = newSession();
        events.publish(accepted(session)).block();
        awaitStatus(session.id(), CallSession.Status.ACTIVE);
        return session;
    }

    private SessionAccepted accepted(Session session) {
        return accepted(session, null);
    }

    private SessionAccepted accepted(Session session, Instant fundedUntil) {
        return SessionAccepted.of(session.acceptedAt(), session.id(), session.userId(), session.astrologerId(),
                SessionType.VIDEO, 10, session.acceptedAt(), session.channel(), fundedUntil);
    }

    private SessionEnded ended(Session session) {
        Instant endedAt = session.acceptedAt().plusSeconds(120);
        return SessionEnded.of(endedAt, session.id(), session.userId(), session.astrologerId(), SessionType.VIDEO,
                EndReason.COMPLETED, session.userId(), session.acceptedAt(), endedAt, 10, 2, 20, session.channel());
    }

    private void awaitStatus(String sessionId, CallSession.Status status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            CallSession stored = store.findById(sessionId).block();
            return stored != null && stored.status() == status;
        });
    }

    /**
     * The late accept has been applied once the test's consumer group has committed past every record of the
     * session topics (the listener commits only after a record is stored).
     */
    private void awaitAcceptedApplied(Session session) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.shared().kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> consumedEverything(admin));
        }
        assertThat(store.findById(session.id()).block().acceptedAt()).isEqualTo(session.acceptedAt());
    }

    private static boolean consumedEverything(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : List.of(Topics.SESSION_ACCEPTED, Topics.SESSION_ENDED)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
            OffsetAndMetadata done = committed.get(end.getKey());
            return end.getValue().offset() == 0 || (done != null && done.offset() >= end.getValue().offset());
        });
    }

    private Map<String, Object> postToken(String caller, Map<String, Object> body) {
        return post("/api/agora/token", caller, body).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String path, String caller, Map<String, Object> body) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(jwt(caller)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String jwt(String sub) {
        return TestInfra.shared().issuer().mint(sub, sub.startsWith("astro_") ? "astrologer" : "user", null);
    }
}
