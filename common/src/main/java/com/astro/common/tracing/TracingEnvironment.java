package com.astro.common.tracing;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Turns trace export on only when {@value #ENDPOINT} names an OTLP endpoint. Boot creates its OTLP span exporter
 * whenever {@value #BOOT_ENDPOINT} is present, even empty, and an exporter without a collector logs an error per
 * batch; so the service's settings carry the endpoint under our own name (empty by default) and it is handed on
 * to Boot only when it has a value.
 */
public final class TracingEnvironment implements EnvironmentPostProcessor {

    static final String ENDPOINT = "astro.tracing.otlp-endpoint";
    static final String BOOT_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SOURCE = "astroTracingExport";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT, "").trim();
        if (StringUtils.hasText(endpoint) && !environment.containsProperty(BOOT_ENDPOINT)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(BOOT_ENDPOINT, endpoint)));
        }
    }
}
