package com.astro.token.call;

import java.time.Duration;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Health contributor {@code mongoReachable}, part of readiness: DOWN while the call read model's Mongo cannot be
 * reached, so that traffic goes to instances that can answer. A {@code ping}, which the embedded dev server also
 * answers (Boot's own Mongo indicator sends {@code hello}, which it does not).
 */
@Component("mongoReachable")
class MongoReadiness implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ReactiveMongoTemplate mongo;

    MongoReadiness(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(new Document("ping", 1)).timeout(TIMEOUT)
                .map(answer -> Health.up().build())
                .onErrorResume(ex -> Mono.just(Health.down().withException(ex).build()));
    }
}
