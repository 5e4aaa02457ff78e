package com.astro.common.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import com.astro.common.event.Topics;

/**
 * Kafka conventions shared by every service: string keys and JSON string values, producers tuned
 * for latency and durability, and every topic of the system declared (creating a topic that
 * exists is a no-op, so each service can start first).
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(KafkaProperties.class)
public class AstroKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, String> kafka) {
        return new EventPublisher(kafka);
    }

    /** Kafka 4 lingers 5 ms by default; a chat message should not wait for company. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer astroProducerDefaults() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    }

    /**
     * A record whose handling fails (Mongo briefly unreachable, say) is retried with backoff on the
     * same consumer, keeping per-key order; after {@code retry-max-elapsed} it is logged and skipped
     * so one poison record cannot stall a partition forever. Handlers are idempotent, so retries are safe.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler astroKafkaErrorHandler(KafkaProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(properties.retryMaxElapsed().toMillis());
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    KafkaAdmin.NewTopics astroTopics(KafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.SESSION_REQUESTED, properties),
                topic(Topics.SESSION_ACCEPTED, properties),
                topic(Topics.SESSION_ENDED, properties),
                topic(Topics.MESSAGE_SENT, properties),
                TopicBuilder.name(Topics.PRESENCE_CHANGED)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .build(),
                topic(Topics.CHAT_CONNECTIONS, properties),
                topic(Topics.CHAT_HEARTBEATS, properties));
    }

    private static NewTopic topic(String name, KafkaProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor()).build();
    }
}
