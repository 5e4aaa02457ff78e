package com.astro.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import com.astro.common.health.ReadinessEvents;

import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The readiness stream the gateway follows instead of polling {@code /actuator/health/readiness}. */
class ReadinessEventsTest extends TestAppTest {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    ApplicationContext context;

    @Test
    void reportsTheReadinessGroupAtOnceAndThenEveryIntervalWithoutAToken() {
        List<String> statuses = events("100ms").take(3).map(ServerSentEvent::data).collectList()
                .block(Duration.ofSeconds(10));
        assertThat(statuses).containsExactly("UP", "UP", "UP");
    }

    @Test
    void reportsAShutdownAtOnceAndThenEnds() {
        try {
            StepVerifier.create(events("1m").map(ServerSentEvent::data))
                    .expectNext("UP")
                    .then(() -> AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC))
                    .expectNext("OUT_OF_SERVICE")
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
        finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    private Flux<ServerSentEvent<String>> events(String interval) {
        return client.get().uri(ReadinessEvents.PATH + "?" + ReadinessEvents.INTERVAL_PARAMETER + "=" + interval)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(EVENT).getResponseBody();
    }
}
