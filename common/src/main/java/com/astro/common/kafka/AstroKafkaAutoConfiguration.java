package com.astro.common.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
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

    static final int IDLE_FETCH_WAIT_MS = 5000;

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, String> kafka) {
        return new EventPublisher(kafka);
    }

    /**
     * Every template and listener container of every service observes its records: a send writes the current
     * trace into the record's {@code traceparent} header, a listener continues that trace while it handles the
     * record (its log lines carry the trace id), so a trace crosses Kafka from service to service. Done here rather
     * than with Boot's {@code spring.kafka.*.observation-enabled} so factories a service builds itself are covered.
     */
    @Bean
    static BeanPostProcessor astroKafkaObservations() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaTemplate<?, ?> template) {
                    template.setObservationEnabled(true);
                } else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
                    factory.getContainerProperties().setObservationEnabled(true);
                }
                return bean;
            }
        };
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
     * An idle consumer asks the broker for records every {@code fetch.max.wait.ms} (Kafka's default 500 ms: two
     * round trips a second per consumer, about twenty consumers in the dev stack). The broker answers a waiting
     * fetch as soon as a record arrives, so a longer wait costs no latency, only idle work (issue 21). A service
     * that sets the property itself keeps its value.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer astroConsumerDefaults() {
        return factory -> {
            if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
                factory.updateConfigs(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FETCH_WAIT_MS));
            }
        };
    }

    /**
     * A record whose handling fails (Mongo unreachable, a timeout) is retried with backoff on the same consumer,
     * which does not move past it, keeping per-key order, until it succeeds: a state change is never skipped, and
     * handlers are idempotent, so retries are safe. A record that no retry can help
     * ({@link UnprocessableEventException}) is put on {@code <topic>.DLT}, same key and partition, with the error
     * in the {@code kafka_dlt-*} headers, and the consumer moves on; if that publish fails the record is retried.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler astroKafkaErrorHandler(KafkaProperties properties, KafkaTemplate<String, String> kafka) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        // named explicitly: Spring Kafka 4's default would be <topic>-dlt
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(UnprocessableEventException.class);
        return handler;
    }

    @Bean
    KafkaAdmin.NewTopics astroTopics(KafkaProperties properties) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.SESSION_REQUESTED, properties),
                topic(Topics.SESSION_ACCEPTED, properties),
                topic(Topics.SESSION_ENDED, properties),
                topic(Topics.SESSION_BALANCE_RAN_LOW, properties),
                topic(Topics.SESSION_RATED, properties),
                topic(Topics.MESSAGE_SENT, properties),
                TopicBuilder.name(Topics.PRESENCE_CHANGED)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .build(),
                topic(Topics.CHAT_CONNECTIONS, properties),
                topic(Topics.CHAT_HEARTBEATS, properties));
    }

    /** Each topic's dead letters, partitioned alike: a record goes to the partition number it came from. */
    @Bean
    KafkaAdmin.NewTopics astroDeadLetterTopics(KafkaProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream().map(name -> topic(Topics.deadLetter(name), properties))
                .toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, KafkaProperties properties) {
        return TopicBuilder.name(name).partitions(properties.partitions()).replicas(properties.replicationFactor()).build();
    }
}
