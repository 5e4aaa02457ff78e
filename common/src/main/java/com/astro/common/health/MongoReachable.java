package com.astro.common.health;

import java.util.Objects;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.reactivestreams.client.MongoClient;

import reactor.core.publisher.Mono;

/**
 * DOWN while the driver knows no reachable Mongo server. The driver already watches its servers (a heartbeat every
 * 10 s, and at once when an operation's connection fails, which marks the server unknown), so its view answers the
 * gateway's probe, every 2 s on every instance, without a round trip of the probe's own. A {@code ping} per probe
 * was most of what the idle stack spent (docs/benchmarks.md, issue 21).
 */
class MongoReachable implements ReactiveHealthIndicator {

    private final MongoClient client;

    MongoReachable(MongoClient client) {
        this.client = client;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> health(client.getClusterDescription()));
    }

    static Health health(ClusterDescription cluster) {
        long reachable = cluster.getServerDescriptions().stream().filter(ServerDescription::isOk).count();
        if (reachable > 0) {
            return Health.up().withDetail("servers", reachable).build();
        }
        Health.Builder down = Health.down().withDetail("servers", 0);
        cluster.getServerDescriptions().stream().map(ServerDescription::getException).filter(Objects::nonNull)
                .findFirst().ifPresent(down::withException);
        return down.build();
    }
}
