package com.astro.common.tracing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

/**
 * Tracing conventions shared by every service and the gateway. Spans come from Micrometer observations (HTTP server,
 * WebClient, Kafka templates and listeners: see the Kafka auto-configuration) through Boot's OpenTelemetry bridge,
 * which reads and writes W3C {@code traceparent} headers and puts {@code traceId}/{@code spanId} in the MDC. Export:
 * {@link TracingEnvironment}.
 */
@AutoConfiguration
@ConditionalOnClass({ ObservationPredicate.class, ServerRequestObservationContext.class })
@EnableConfigurationProperties(TracingProperties.class)
public class AstroTracingAutoConfiguration {

    @Bean
    ObservationPredicate untracedRequests() {
        return new UntracedRequests();
    }
}
