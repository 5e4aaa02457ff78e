package com.astro.presence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import com.astro.infra.MutableClock;

/** The service's clock in tests: moved by hand, starting now at Mongo's millisecond precision. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
