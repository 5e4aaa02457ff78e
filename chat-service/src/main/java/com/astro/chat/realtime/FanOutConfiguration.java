package com.astro.chat.realtime;

import java.util.Collection;

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

import com.astro.common.kafka.KafkaProperties;

/**
 * The fan-out consumer's container: this instance's own group, starting at the newest records (a socket can
 * only care about what happens while it is connected; catch-up reads the store). Once partitions are assigned
 * their positions are resolved on the spot, so "ready" means every event published from then on is seen.
 */
@Configuration(proxyBeanMethods = false)
public class FanOutConfiguration {

    static final String FACTORY = "fanOutContainerFactory";

    @Bean(FACTORY)
    @SuppressWarnings({ "unchecked", "rawtypes" })
    ConcurrentKafkaListenerContainerFactory<String, String> fanOutContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<?, ?> consumers,
            ChatReadiness readiness) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure((ConcurrentKafkaListenerContainerFactory) factory, (ConsumerFactory) consumers);
        factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
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

    /** chat-service's own topic for notifications that no domain event carries. */
    @Bean
    NewTopic chatRelayTopic(KafkaProperties properties) {
        return TopicBuilder.name(ChatRelay.TOPIC).partitions(properties.partitions())
                .replicas(properties.replicationFactor()).build();
    }
}
