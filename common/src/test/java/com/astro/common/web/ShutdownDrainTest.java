package com.astro.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

class ShutdownDrainTest {

    private final List<Object> published = new ArrayList<>();

    private final ApplicationEventPublisher events = published::add;

    @Test
    void stoppingTurnsReadinessToRefusingTrafficBeforeAnythingElseStops() {
        ShutdownDrain drain = new ShutdownDrain(Duration.ofMillis(10), events);
        drain.start();
        drain.stop();
        assertThat(published).singleElement().isInstanceOfSatisfying(AvailabilityChangeEvent.class,
                event -> assertThat(event.getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
        assertThat(drain.isRunning()).isFalse();
        assertThat(drain.getPhase()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void withoutADrainPeriodNothingIsAnnounced() {
        ShutdownDrain drain = new ShutdownDrain(Duration.ZERO, events);
        drain.start();
        drain.stop();
        assertThat(published).isEmpty();
    }
}
