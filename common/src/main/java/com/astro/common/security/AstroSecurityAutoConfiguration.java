package com.astro.common.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.ClassUtils;

import com.astro.common.apidocs.ApiDocs;
import com.astro.common.health.ReadinessEvents;
import com.astro.common.web.Problems;

/**
 * Security for every service and the gateway: each verifies tokens itself (never trusting that
 * the gateway did), opens only health, readiness, metrics, the OpenAPI document (services with springdoc) and the
 * configured public paths, and answers
 * 401 and 403 as problem details.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class AstroSecurityAutoConfiguration {

    private static final String SPRINGDOC = "org.springdoc.core.customizers.OpenApiCustomizer";

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, Environment environment) {
        AuthorizedParties.requireConfiguredOutsideDev(properties, environment);
        // the system clock, not the application's Clock bean: tests move that one for business time
        return TokenVerifier.decoder(properties, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    JwtUserConverter jwtUserConverter(SecurityProperties properties) {
        return new JwtUserConverter(properties.roleClaim());
    }

    /**
     * Spring Security observes every request by itself when an observation registry is present: a span and a timer
     * around each half of the filter chain, and one each for the authentication and the authorization. Where a
     * request is untraced on purpose (readiness probes, Socket.IO polls: {@code UntracedRequests}) each of these
     * started a trace of its own, so every probe and every poll sent spans to the collector. The HTTP server
     * observation already times and traces each request as a whole.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SecurityProperties properties,
            ReactiveJwtDecoder decoder, JwtUserConverter converter) {
        // metrics are for the scraper inside the network: services have no public port, the gateway's can be moved
        List<String> open = new ArrayList<>(List.of("/actuator/health", "/actuator/health/**", ReadinessEvents.PATH,
                "/actuator/info", "/actuator/prometheus"));
        if (ClassUtils.isPresent(SPRINGDOC, AstroSecurityAutoConfiguration.class.getClassLoader())) {
            // a service's own OpenAPI document: on its internal port only, as no gateway route reaches it
            open.addAll(List.of(ApiDocs.DOCS_PATHS));
        }
        open.addAll(properties.publicPaths());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(open.toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((exchange, ex) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "A valid bearer token is required: " + ex.getMessage()))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "You are not allowed to do this")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((exchange, ex) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "A valid bearer token is required"))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "You are not allowed to do this")))
                .build();
    }
}
