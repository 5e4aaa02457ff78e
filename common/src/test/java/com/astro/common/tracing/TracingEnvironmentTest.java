package com.astro.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Spans are exported only when an OTLP endpoint is configured; by default Boot gets no endpoint, so no exporter. */
class TracingEnvironmentTest {

    @Test
    void anEmptyEndpointLeavesExportOff() {
        StandardEnvironment environment = withEndpoint("");

        new TracingEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty(TracingEnvironment.BOOT_ENDPOINT)).isFalse();
    }

    @Test
    void aConfiguredEndpointIsHandedToBootsOtlpExporter() {
        StandardEnvironment environment = withEndpoint("http://collector:4318/v1/traces");

        new TracingEnvironment().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(TracingEnvironment.BOOT_ENDPOINT)).isEqualTo("http://collector:4318/v1/traces");
    }

    private static StandardEnvironment withEndpoint(String endpoint) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(TracingEnvironment.ENDPOINT, endpoint)));
        return environment;
    }
}
