package com.astro.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.astro.common.event.EventJson;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.SessionType;
import com.astro.common.event.Topics;
import com.astro.infra.TestInfra;

/**
 * The shared Kafka conventions against the real embedded KRaft broker over TCP: events land on the
 * topic named by their type, keyed by the id they concern, as the JSON text consumers expect; every
 * topic is declared, presence-changed compacted.
 */
class EventPublisherKafkaTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, AstroKafkaAutoConfiguration.class))
            .withPropertyValues("spring.kafka.bootstrap-servers=" + bootstrap());

    private static String bootstrap() {
        return TestInfra.shared().kafka().bootstrapServers();
    }

    @Test
    void aPublishedEventIsConsumedFromItsTopicKeyedByTheIdItConcerns() {
        String sessionId = "sess_" + UUID.randomUUID();
        SessionRequested event = SessionRequested.of(Instant.parse("2026-01-31T10:15:30Z"), sessionId, "user_1",
                "astro_1", SessionType.CHAT, 10, Instant.parse("2026-01-31T10:16:30Z"));
        runner.run(context -> {
            context.getBean(EventPublisher.class).publish(event).block(Duration.ofSeconds(30));

            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.subscribe(List.of(Topics.SESSION_REQUESTED));
                List<ConsumerRecord<String, String>> mine = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                        if (sessionId.equals(record.key())) {
                            mine.add(record);
                        }
                    });
                    return !mine.isEmpty();
                });
                ConsumerRecord<String, String> record = mine.get(0);
                assertThat(record.topic()).isEqualTo(event.type());
                assertThat(record.key()).isEqualTo(event.key());
                assertThat(record.value()).isEqualTo(EventJson.write(event));
                assertThat(EventJson.read(record.value(), SessionRequested.class)).isEqualTo(event);
            }
        });
    }

    @Test
    void everyTopicAndItsDeadLetterTopicAreDeclaredAndPresenceChangedIsCompacted() {
        runner.run(context -> {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
                Set<String> names = admin.listTopics().names().get();
                assertThat(names).contains(Topics.SESSION_REQUESTED, Topics.SESSION_ACCEPTED, Topics.SESSION_ENDED,
                        Topics.MESSAGE_SENT, Topics.PRESENCE_CHANGED, Topics.CHAT_CONNECTIONS, Topics.CHAT_HEARTBEATS);
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                        new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRESENCE_CHANGED),
                        new ConfigResource(ConfigResource.Type.TOPIC, Topics.SESSION_ENDED))).all().get();
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.PRESENCE_CHANGED))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.SESSION_ENDED))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
                TopicDescription presence = admin.describeTopics(List.of(Topics.PRESENCE_CHANGED))
                        .allTopicNames().get().get(Topics.PRESENCE_CHANGED);
                assertThat(presence.partitions()).hasSize(new KafkaProperties(4, (short) 1, Duration.ofSeconds(10)).partitions());
                List<String> deadLetters = Topics.ALL.stream().map(Topics::deadLetter).toList();
                assertThat(admin.describeTopics(deadLetters).allTopicNames().get().values())
                        .allSatisfy(dlt -> assertThat(dlt.partitions()).hasSize(presence.partitions().size()));
            }
        });
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "contract-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }
}
