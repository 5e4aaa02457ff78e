package com.astro.session.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A record whose handling fails (Mongo briefly unreachable) is retried with backoff on the same consumer,
 * keeping per-key order; after about a minute it is logged and skipped. Handlers are idempotent.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConsumerConfiguration {

    @Bean
    CommonErrorHandler sessionErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(60_000);
        return new DefaultErrorHandler(backOff);
    }
}
