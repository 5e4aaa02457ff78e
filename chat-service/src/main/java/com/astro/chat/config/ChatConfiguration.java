package com.astro.chat.config;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

/** Time, identity and Kafka error handling of the service. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ChatConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The server port is read from configuration rather than from the running server because the Socket.IO sid
     * prefix must be known before the server starts; deployments set CHAT_ADVERTISED_ADDRESS anyway.
     */
    @Bean
    ChatInstance chatInstance(ChatProperties properties, @Value("${server.port:8083}") int serverPort) {
        return ChatInstance.of(properties, serverPort);
    }

    /**
     * A record whose handling fails (Mongo briefly unreachable, say) is retried with backoff on the same
     * consumer, keeping per-key order; after about half a minute it is logged and skipped so one poison record
     * cannot stall a partition. Handlers are idempotent, so retries are safe.
     */
    @Bean
    CommonErrorHandler chatKafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
