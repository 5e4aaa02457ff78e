package com.astro.common.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReadinessEventsIntervalTest {

    @Test
    void theGatewaysIntervalIsUsedWithinBounds() {
        assertThat(ReadinessEvents.interval("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReadinessEvents.interval("1ms")).isEqualTo(ReadinessEvents.MIN_INTERVAL);
        assertThat(ReadinessEvents.interval("1h")).isEqualTo(ReadinessEvents.MAX_INTERVAL);
    }

    @Test
    void noIntervalOrOneThatDoesNotParseGivesTheDefault() {
        assertThat(ReadinessEvents.interval(null)).isEqualTo(ReadinessEvents.DEFAULT_INTERVAL);
        assertThat(ReadinessEvents.interval("soon")).isEqualTo(ReadinessEvents.DEFAULT_INTERVAL);
    }
}
