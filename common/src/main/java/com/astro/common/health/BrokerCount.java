package com.astro.common.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;

import reactor.core.publisher.Mono;

/**
 * How many Kafka brokers answer: the cluster's description, asked with the service's own client settings on one
 * admin client kept for the purpose (it reconnects by itself when the broker is back).
 */
class BrokerCount implements Supplier<Mono<Integer>>, DisposableBean {

    private final AdminClient admin;

    private final Duration timeout;

    BrokerCount(Map<String, Object> clientConfig, Duration timeout) {
        this.admin = AdminClient.create(clientConfig);
        this.timeout = timeout;
    }

    @Override
    public Mono<Integer> get() {
        return Mono.fromFuture(() -> admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs((int) timeout.toMillis())).nodes().toCompletionStage().toCompletableFuture())
                .timeout(timeout.plusSeconds(1))
                .map(Collection::size);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
