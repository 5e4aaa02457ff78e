package com.astro.common.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

import reactor.core.publisher.Mono;

/**
 * DOWN while no Kafka broker answers. A broker that answered is not asked again for {@code recheck}: the gateway
 * probes every instance every 2 s, and asking the broker each time was most of what the idle stack spent
 * (docs/benchmarks.md, issue 21). A DOWN answer is never reused, so an instance is back in the rotation at the first
 * probe after the broker is.
 */
class KafkaReachable implements ReactiveHealthIndicator {

    private final Supplier<Mono<Integer>> brokers;

    private final Duration recheck;

    private final Clock clock;

    private volatile Answer last;

    private record Answer(Health health, Instant at) {
    }

    KafkaReachable(Supplier<Mono<Integer>> brokers, Duration recheck, Clock clock) {
        this.brokers = brokers;
        this.recheck = recheck;
        this.clock = clock;
    }

    @Override
    public Mono<Health> health() {
        Answer answer = last;
        if (answer != null && Status.UP.equals(answer.health().getStatus())
                && clock.instant().isBefore(answer.at().plus(recheck))) {
            return Mono.just(answer.health());
        }
        return Mono.defer(brokers::get)
                .map(count -> count == 0 ? Health.down().withDetail("brokers", 0).build()
                        : Health.up().withDetail("brokers", count).build())
                .onErrorResume(ex -> Mono.just(Health.down().withException(ex).build()))
                .doOnNext(health -> last = new Answer(health, clock.instant()));
    }
}
