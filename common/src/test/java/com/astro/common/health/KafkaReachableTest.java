package com.astro.common.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.astro.infra.MutableClock;

import reactor.core.publisher.Mono;

/** How often readiness asks the broker: an answering broker every {@code recheck}, a silent one at every probe. */
class KafkaReachableTest {

    private static final Duration RECHECK = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.startingNow();

    private final AtomicInteger asked = new AtomicInteger();

    /** The broker counts the cluster's description gives, one per question. */
    private final Deque<Mono<Integer>> answers = new ArrayDeque<>();

    private final KafkaReachable reachable = new KafkaReachable(() -> {
        asked.incrementAndGet();
        return answers.removeFirst();
    }, RECHECK, clock);

    @Test
    void aBrokerThatAnsweredIsNotAskedAgainWithinTheRecheckInterval() {
        answers.add(Mono.just(1));
        assertThat(status()).isEqualTo(Status.UP);
        clock.advance(RECHECK.minusSeconds(1));
        assertThat(status()).isEqualTo(Status.UP);
        assertThat(asked).hasValue(1);
    }

    @Test
    void theBrokerIsAskedAgainOnceTheRecheckIntervalHasPassed() {
        answers.add(Mono.just(1));
        answers.add(Mono.error(new IllegalStateException("no broker")));
        status();
        clock.advance(RECHECK);
        assertThat(status()).isEqualTo(Status.DOWN);
        assertThat(asked).hasValue(2);
    }

    @Test
    void aDownAnswerIsNeverReused() {
        answers.add(Mono.error(new IllegalStateException("no broker")));
        answers.add(Mono.just(0));
        answers.add(Mono.just(1));
        assertThat(status()).isEqualTo(Status.DOWN);
        assertThat(status()).isEqualTo(Status.DOWN);
        assertThat(status()).isEqualTo(Status.UP);
        assertThat(asked).hasValue(3);
    }

    private Status status() {
        Health health = reachable.health().block(Duration.ofSeconds(5));
        return health.getStatus();
    }
}
