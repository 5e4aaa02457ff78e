package com.astro.common.health;

import java.time.Duration;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import reactor.core.publisher.Mono;

/**
 * DOWN while the service's Mongo server cannot be reached. A {@code ping}, which the embedded dev server also
 * answers (Boot's own Mongo indicator sends {@code hello}, which it does not).
 */
class MongoReachable implements ReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    private final Duration timeout;

    MongoReachable(ReactiveMongoTemplate mongo, Duration timeout) {
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(new Document("ping", 1)).timeout(timeout)
                .map(answer -> Health.up().build())
                .onErrorResume(ex -> Mono.just(Health.down().withException(ex).build()));
    }
}
