package com.astro.session;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;

import com.astro.common.event.Topics;
import com.astro.infra.TestInfra;

/**
 * A separate application (as chat-service or an analytics consumer would be) with common's Kafka conventions, for
 * {@link TraceAcrossKafkaTest}. A test configuration, so session-service's component scan leaves it out.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SessionRequestedConsumer {

    static final Map<String, String> TRACE_IDS = new ConcurrentHashMap<>();

    private static final Logger log = LoggerFactory.getLogger(SessionRequestedConsumer.class);

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SessionRequestedConsumer.class).web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.application.name", "trace-consumer",
                        "spring.kafka.bootstrap-servers", TestInfra.shared().kafka().bootstrapServers(),
                        "spring.kafka.consumer.group-id", "trace-consumer-" + UUID.randomUUID(),
                        "spring.kafka.consumer.auto-offset-reset", "earliest",
                        "spring.mongodb.uri", TestInfra.shared().mongo().connectionString()))
                .run();
    }

    @KafkaListener(topics = Topics.SESSION_REQUESTED)
    void handle(ConsumerRecord<String, String> record) {
        TRACE_IDS.put(record.key(), String.valueOf(MDC.get("traceId")));
        log.info("handled session-requested {}", record.key());
    }
}
