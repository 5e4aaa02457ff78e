package com.astro.common.health;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import reactor.core.publisher.Mono;

/**
 * DOWN while no Kafka broker answers: the cluster's description, asked with the service's own client settings on
 * one admin client kept for the purpose (it reconnects by itself when the broker is back).
 */
class KafkaReachable implements ReactiveHealthIndicator, DisposableBean {

    private final AdminClient admin;

    private final Duration timeout;

    KafkaReachable(Map<String, Object> clientConfig, Duration timeout) {
        this.admin = AdminClient.create(clientConfig);
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromFuture(() -> admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs((int) timeout.toMillis())).nodes().toCompletionStage().toCompletableFuture())
                .timeout(timeout.plusSeconds(1))
                .map(nodes -> nodes.isEmpty() ? Health.down().withDetail("brokers", 0).build()
                        : Health.up().withDetail("brokers", nodes.size()).build())
                .onErrorResume(ex -> Mono.just(Health.down().withException(ex).build()));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
