package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * W3C trace context at the edge: the service behind the gateway gets a {@code traceparent} that continues the
 * caller's trace (or starts one), with the gateway's own span as parent; Socket.IO's requests are not traced.
 */
class GatewayTracingTest extends GatewayTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Autowired
    WebTestClient client;

    private final String token = GatewayTestBackends.ISSUER.mint("user_1", "user", "Uma");

    @Test
    void theServiceContinuesTheCallersTraceUnderTheGatewaysSpan() {
        String forwarded = traceparentSeenBySession("00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");

        assertThat(forwarded).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(forwarded).doesNotContain(CALLER_SPAN);
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceThatTheServiceJoins() {
        String forwarded = traceparentSeenBySession(null);

        assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void socketIoRequestsAreNotTraced() {
        Map<String, Object> echo = client.get().uri("/socket.io/?EIO=4&transport=polling").exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();

        assertThat(echo).containsEntry("traceparent", null);
    }

    private String traceparentSeenBySession(String traceparent) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri("/api/sessions/s1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (traceparent != null) {
            request = request.header("traceparent", traceparent);
        }
        Map<String, Object> echo = request.exchange().expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody();
        return (String) echo.get("traceparent");
    }
}
