package com.astro.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** Consumer settings every service gets unless it says otherwise. */
class ConsumerDefaultsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, AstroKafkaAutoConfiguration.class))
            // no broker here: only the factory's settings are read
            .withPropertyValues("spring.kafka.admin.auto-create=false");

    @Test
    void anIdleConsumerWaitsFiveSecondsForRecordsPerFetch() {
        runner.run(context -> assertThat(fetchMaxWait(context.getBean(DefaultKafkaConsumerFactory.class)))
                .isEqualTo(5000));
    }

    @Test
    void aServiceThatSetsTheFetchWaitKeepsItsOwn() {
        runner.withPropertyValues("spring.kafka.consumer.fetch-max-wait=200ms")
                .run(context -> assertThat(fetchMaxWait(context.getBean(DefaultKafkaConsumerFactory.class)))
                        .isEqualTo(200));
    }

    private static Object fetchMaxWait(DefaultKafkaConsumerFactory<?, ?> factory) {
        return factory.getConfigurationProperties().get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
    }
}
