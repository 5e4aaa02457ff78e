package com.astro.common.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic layout, bound from {@code astro.kafka.*}. Production sets replication to 3.
 *
 * @param partitions partitions of every topic this service declares
 * @param replicationFactor replicas of every topic this service declares
 * @param retryMaxInterval longest pause between two attempts at a record whose handling failed (it is retried
 *        until it succeeds; an unprocessable record goes to the dead-letter topic at once)
 */
@ConfigurationProperties("astro.kafka")
public record KafkaProperties(
        @DefaultValue("4") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("10s") Duration retryMaxInterval) {
}
