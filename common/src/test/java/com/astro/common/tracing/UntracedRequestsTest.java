package com.astro.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

/** Socket.IO's transport requests and actuator probes get no observation, so no span; the API's requests do. */
class UntracedRequestsTest {

    private static boolean observed(String path) {
        MockServerHttpRequest request = MockServerHttpRequest.get(path).build();
        return new UntracedRequests().test("http.server.requests",
                new ServerRequestObservationContext(request, new MockServerHttpResponse(), Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/socket.io/?EIO=4&transport=polling", "/socket.io/?EIO=4&transport=websocket&sid=x",
            "/actuator/health/readiness", "/actuator/prometheus" })
    void transportAndProbeRequestsAreNotObserved(String path) {
        assertThat(observed(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/sessions/start", "/api/v1/astrologers/online", "/api/chat/sessions/s1/messages" })
    void apiRequestsAreObserved(String path) {
        assertThat(observed(path)).isTrue();
    }
}
