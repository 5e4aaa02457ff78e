package com.astro.common.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing an instance does when it shuts down: answer 503 on its readiness endpoint and keep
 * working for a while, so that the gateway's readiness probe takes it out of the rotation before anything
 * else stops (chat's sockets are closed next, and their clients reconnect to instances that take them).
 */
public final class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final Duration drain;

    private final ApplicationEventPublisher events;

    private volatile boolean running;

    public ShutdownDrain(Duration drain, ApplicationEventPublisher events) {
        this.drain = drain;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (drain.isZero() || drain.isNegative()) {
            return;
        }
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        log.info("readiness now refuses traffic; draining for {} ms before shutting down", drain.toMillis());
        try {
            Thread.sleep(drain.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped first of all: before chat's socket drain and the Kafka listeners. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
