package com.astro.token.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A record whose handling fails (Mongo briefly unreachable, say) is retried with backoff on the same
 * consumer, keeping per-key order; after about a minute it is logged and skipped so one poison record
 * cannot stall a partition forever. Handlers are idempotent, so retries are safe.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConsumerConfiguration {

    @Bean
    CommonErrorHandler tokenErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxElapsedTime(60_000);
        return new DefaultErrorHandler(backOff);
    }
}
