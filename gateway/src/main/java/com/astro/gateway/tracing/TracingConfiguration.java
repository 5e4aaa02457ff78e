package com.astro.gateway.tracing;

import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.astro.common.tracing.UntracedRequests;

import io.micrometer.observation.ObservationPredicate;

/**
 * The proxy's own observation (the span whose id the service sees as its parent in {@code traceparent}) is skipped
 * for Socket.IO as common skips the server's: a poll is neither observed nor given a traceparent by the gateway.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    ObservationPredicate socketIoProxyUntraced() {
        return (name, context) -> !(context instanceof GatewayContext proxied
                && UntracedRequests.isSocketIo(proxied.getRequest().getPath().value()));
    }
}
