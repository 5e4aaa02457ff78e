package com.astro.common.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic layout, bound from {@code astro.kafka.*}. Production sets replication to 3.
 *
 * @param partitions partitions of every topic this service declares
 * @param replicationFactor replicas of every topic this service declares
 */
@ConfigurationProperties("astro.kafka")
public record KafkaProperties(@DefaultValue("4") int partitions, @DefaultValue("1") short replicationFactor) {
}
