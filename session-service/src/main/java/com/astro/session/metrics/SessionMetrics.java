package com.astro.session.metrics;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.astro.common.event.EndReason;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The session domain's meters, served at {@code /actuator/prometheus}: sessions as they are announced on Kafka
 * (requested, accepted, ended by reason) and the coins taken from wallets. Every series is registered up front,
 * so a dashboard shows zero rather than nothing before the first session of a kind.
 */
@Component
public class SessionMetrics {

    private final Counter requested;

    private final Counter accepted;

    private final Map<EndReason, Counter> ended = new EnumMap<>(EndReason.class);

    private final Counter coinsDebited;

    public SessionMetrics(MeterRegistry registry) {
        this.requested = Counter.builder("sessions.started")
                .description("Sessions requested by a user (announced on session-requested)").register(registry);
        this.accepted = Counter.builder("sessions.accepted")
                .description("Sessions accepted by the astrologer (announced on session-accepted)").register(registry);
        for (EndReason reason : EndReason.values()) {
            ended.put(reason, Counter.builder("sessions.ended").tag("reason", reason.wireName())
                    .description("Sessions ended, by reason (announced on session-ended)").register(registry));
        }
        this.coinsDebited = Counter.builder("wallet.coins.debited").baseUnit("coins")
                .description("Coins charged to users' wallets for sessions").register(registry);
    }

    public void started() {
        requested.increment();
    }

    public void accepted() {
        accepted.increment();
    }

    public void ended(EndReason reason) {
        ended.get(reason).increment();
    }

    public void coinsDebited(long coins) {
        coinsDebited.increment(coins);
    }
}
