package com.astro.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;
import com.astro.common.kafka.EventPublisher;
import com.astro.infra.MutableClock;
import com.astro.infra.TestInfra;
import com.astro.session.presence.AstrologerDirectory;

import static org.awaitility.Awaitility.await;

/**
 * One application context for all integration tests (same configuration, so Spring caches it) over the shared
 * embedded Kafka broker and Mongo server. Every test uses fresh user and astrologer ids, so tests never see
 * each other's data. The periodic sweep is slowed down; tests run the sweeper themselves after moving the clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@Import(SessionTestSupport.Clocks.class)
public abstract class SessionTestSupport {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "session-test");
        registry.add("spring.kafka.consumer.group-id", () -> "session-test-" + UUID.randomUUID());
        registry.add("astro.session.sweep-interval", () -> "1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    /**
     * A second running instance of the service on the same Mongo database and Kafka broker, with its own port and
     * consumer group, moving with the same test clock. Close it when done.
     */
    protected static ConfigurableApplicationContext secondInstance() {
        TestInfra infra = TestInfra.shared();
        return new SpringApplicationBuilder(SessionApplication.class, SecondInstanceClock.class)
                .run("--server.port=0", "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                        "--spring.mongodb.uri=" + infra.mongo().connectionString(),
                        "--spring.mongodb.database=session-test",
                        "--astro.security.jwks-url=" + infra.issuer().jwksUrl(),
                        "--astro.security.issuer=" + infra.issuer().issuer(),
                        "--astro.security.authorized-parties=" + TestInfra.TEST_ORIGIN,
                        "--spring.kafka.consumer.group-id=session-second-" + UUID.randomUUID(),
                        "--astro.session.sweep-interval=1h");
    }

    /**
     * The second instance moves with the same test clock. A plain class with a lite {@code @Bean} method, so that
     * neither the test bootstrapper nor component scanning picks it up for the first instance.
     */
    static class SecondInstanceClock {

        @Bean
        @Primary
        Clock secondInstanceClock() {
            return CLOCK;
        }
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected EventPublisher publisher;

    @Autowired
    protected AstrologerDirectory directory;

    private static long presenceVersion = 1;

    protected static String fresh(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    protected static String token(String sub, String role) {
        return TestInfra.shared().issuer().mint(sub, role, sub);
    }

    /** Publishes the astrologer's presence as presence-service would and waits until this service has read it. */
    protected void presence(String astrologerId, boolean online, boolean busy, Rates rates) {
        presence(astrologerId, online, busy, null, rates);
    }

    /** As {@link #presence(String, boolean, boolean, Rates)}, busy in {@code sessionId} when it is not null. */
    protected void presence(String astrologerId, boolean online, boolean busy, String sessionId, Rates rates) {
        presence(PresenceChanged.of(CLOCK.instant(), astrologerId, astrologerId, online, busy, sessionId,
                CLOCK.instant(), rates, nextPresenceVersion()));
    }

    /** Publishes this presence as presence-service would and waits until this service has read it. */
    protected void presence(PresenceChanged event) {
        String astrologerId = event.astrologerId();
        long version = event.version();
        publisher.publish(event).block();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var known = directory.find(astrologerId).block();
            return known != null && known.version() == version;
        });
    }

    protected static long nextPresenceVersion() {
        synchronized (SessionTestSupport.class) {
            return ++presenceVersion;
        }
    }

    protected void onlineAstrologer(String astrologerId, long chatRate) {
        presence(astrologerId, true, false, new Rates(chatRate, chatRate * 2, null));
    }

    protected void credit(String userId, long coins) {
        web.post().uri("/api/wallets/{id}/credit", userId)
                .header("Authorization", "Bearer " + token("admin_1", "admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("coins", coins, "idempotencyKey", fresh("grant")))
                .exchange().expectStatus().isOk();
    }

    protected WebTestClient.ResponseSpec post(String path, String bearer, Object body) {
        return web.post().uri(path).header("Authorization", "Bearer " + bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> startSession(String userId, String astrologerId, String type) {
        return post("/api/sessions/start", token(userId, "user"), Map.of("astrologerId", astrologerId, "sessionType", type))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** A requested chat session: the astrologer online at 10 coins a minute, the user holding 100 coins. */
    protected String pendingChatSession(String userId, String astrologerId) {
        onlineAstrologer(astrologerId, 10);
        credit(userId, 100);
        return (String) startSession(userId, astrologerId, "chat").get("id");
    }

    @SuppressWarnings("unchecked")
    /** An accepted chat session: the astrologer online at {@code chatRate}, the user holding {@code coins}. */
    protected String activeChatSession(String userId, String astrologerId, long chatRate, long coins) {
        onlineAstrologer(astrologerId, chatRate);
        credit(userId, coins);
        String id = (String) startSession(userId, astrologerId, "chat").get("id");
        accept(astrologerId, id);
        return id;
    }

    protected Map<String, Object> accept(String astrologerId, String sessionId) {
        return post("/api/sessions/accept", token(astrologerId, "astrologer"), Map.of("sessionId", sessionId))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Every record of {@code topic} about {@code sessionId}, read from the beginning by a plain consumer. */
    protected static <T extends DomainEvent> List<T> events(String topic, String sessionId, Class<T> type) {
        return events(topic, type, record -> sessionId.equals(record.key()));
    }

    /** Every record of {@code topic} the filter keeps, read from the beginning by a plain consumer. */
    protected static <T extends DomainEvent> List<T> events(String topic, Class<T> type,
            Predicate<ConsumerRecord<String, String>> filter) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.shared().kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "session-events-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (filter.test(record)) {
                        found.add(EventJson.read(record.value(), type));
                    }
                }
            }
        }
        return found;
    }

    /** Runs {@code call} {@code count} times at once (all threads released together) and answers every result. */
    protected static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(5, TimeUnit.MINUTES));
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
