package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.PrometheusScrape;

/**
 * With {@code MANAGEMENT_PORT} set, as in compose, the gateway serves health and metrics on that port only: the
 * public port has no {@code /actuator/prometheus}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "MANAGEMENT_PORT=0")
@AutoConfigureWebTestClient
class GatewayMetricsTest {

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestBackends.register(registry);
    }

    @Autowired
    WebTestClient publicPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsAreServedOnTheManagementPortWithoutAToken() {
        PrometheusScrape scrape = PrometheusScrape.of("http://localhost:" + managementPort);

        assertThat(scrape.has("jvm_memory_used_bytes", "application", "gateway")).isTrue();
    }

    @Test
    void healthIsServedOnTheManagementPort() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void thePublicPortServesNoMetrics() {
        publicPort.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
    }
}
