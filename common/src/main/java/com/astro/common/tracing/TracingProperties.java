package com.astro.common.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param otlpEndpoint where spans are sent (OTLP over HTTP, e.g. {@code http://collector:4318/v1/traces}); empty
 *                     exports nothing, while trace ids are still made, propagated and logged
 */
@ConfigurationProperties("astro.tracing")
public record TracingProperties(String otlpEndpoint) {
}
