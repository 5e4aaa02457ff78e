package com.astro.chat.realtime;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import com.astro.chat.config.ChatInstance;
import com.astro.common.event.Topics;
import com.astro.common.kafka.KafkaProperties;

import io.micrometer.observation.ObservationPredicate;

/**
 * The fan-out consumer's container: this instance's own group, starting at the newest records on every process
 * start (a socket can only care about what happens while it is connected; catch-up reads the store), and
 * continuing from its committed offsets on a later rebalance. Once partitions are assigned their positions are
 * resolved on the spot, so "ready" means every event published from then on is seen.
 */
@Configuration(proxyBeanMethods = false)
class FanOutConfiguration {

    static final String FACTORY = "fanOutContainerFactory";

    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    @Bean(FACTORY)
    @SuppressWarnings({ "unchecked", "rawtypes" })
    ConcurrentKafkaListenerContainerFactory<String, String> fanOutContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<?, ?> consumers,
            ChatReadiness readiness) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) consumers);
        // the offsets matter only after a rebalance within this process's life (a start seeks to the end), and a record
        // read twice is harmless (messages by seq, events by id): committed once a second without waiting, instead
        // of a blocking round trip to the group coordinator after every poll on the thread that delivers messages
        ContainerProperties container = factory.getContainerProperties();
        container.setAckMode(ContainerProperties.AckMode.TIME);
        container.setAckTime(COMMIT_INTERVAL.toMillis());
        container.setSyncCommits(false);
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

            private final AtomicBoolean first = new AtomicBoolean(true);

            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (first.getAndSet(false)) {
                    // a process that starts under a fixed CHAT_INSTANCE_ID finds its group's old offsets: what
                    // happened while it was down is not news for the sockets it is about to get (catch-up and
                    // history read the store), so it starts at the end like a new group would
                    consumer.seekToEnd(partitions);
                }
                partitions.forEach(consumer::position);
                readiness.fanOutAssigned(!partitions.isEmpty());
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                readiness.fanOutAssigned(false);
            }
        });
        return factory;
    }

    /**
     * The fan-out consumer's {@code message-sent} records get no observation (so no span): every instance takes every
     * message of the whole system and passes most over unread ({@link FanOutListener}), and an observation per
     * record was the biggest cost left in doing so. Its session events stay observed, as do every other consumer's
     * {@code message-sent} records.
     */
    @Bean
    ObservationPredicate fanOutMessagesUnobserved(ChatInstance instance) {
        return unobservedMessagesIn(instance.fanOutGroup());
    }

    static ObservationPredicate unobservedMessagesIn(String fanOutGroup) {
        return (name, context) -> !(context instanceof KafkaRecordReceiverContext received
                && Topics.MESSAGE_SENT.equals(received.getRecord().topic())
                && fanOutGroup.equals(received.getGroupId()));
    }

    /** chat-service's own topic for notifications that no domain event carries. */
    @Bean
    NewTopic chatRelayTopic(KafkaProperties properties) {
        return TopicBuilder.name(ChatRelay.TOPIC).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }
}
