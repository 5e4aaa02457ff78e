package com.astro.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.astro.common.web.RequestIds;

import reactor.core.publisher.Mono;

/**
 * CORS for the frontend on every path, {@code /socket.io/} included. It runs before security so that
 * a preflight (which never carries a token) is answered instead of refused with 401.
 */
final class EdgeCors implements WebFilter, Ordered {

    /** Before Spring Security's filter chain (order -100). */
    private static final int ORDER = -200;

    private final CorsWebFilter delegate;

    EdgeCors(List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.addAllowedHeader(CorsConfiguration.ALL);
        cors.setExposedHeaders(List.of(RequestIds.HEADER));
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        this.delegate = new CorsWebFilter(source);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return delegate.filter(exchange, chain);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
