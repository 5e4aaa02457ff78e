package com.astro.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/** A request is observed once, as a whole: no span or timer per security filter, authentication or authorization. */
class RequestObservationsTest extends TestAppTest {

    @Autowired
    ObservationRegistry registry;

    @Test
    void anAuthenticatedRequestIsObservedOnlyAsAnHttpRequest() {
        List<String> started = record();
        client.get().uri("/things/log?marker=o-1").header("Authorization", "Bearer " + token("user"))
                .exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started).contains("http.server.requests"));
        assertThat(started).noneSatisfy(name -> assertThat(name).startsWith("spring.security."));
    }

    @Test
    void aRefusedRequestIsNotObservedBySpringSecurity() {
        List<String> started = record();
        client.get().uri("/things/log?marker=o-2").exchange().expectStatus().isUnauthorized();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(started).contains("http.server.requests"));
        assertThat(started).noneSatisfy(name -> assertThat(name).startsWith("spring.security."));
    }

    /** The names of the observations started from now on (the context is shared: only this test's are recorded). */
    private List<String> record() {
        List<String> started = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                started.add(context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        return started;
    }
}
