package com.astro.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import com.astro.gateway.GatewayProperties;

/** Which path prefix belongs to which service (the contract in ARCHITECTURE.md). */
@Configuration(proxyBeanMethods = false)
public class RoutesConfiguration {

    @Bean
    ServiceRegistry serviceRegistry(GatewayProperties properties) {
        return new ServiceRegistry(properties);
    }

    @Bean
    InstanceRoutingFilter instanceRoutingFilter(ServiceRegistry registry) {
        return new InstanceRoutingFilter(registry);
    }

    @Bean
    BackendResponseHeaders backendResponseHeaders() {
        return new BackendResponseHeaders();
    }

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                .route(ServiceRegistry.PRESENCE, r -> r.path("/api/v1/astrologers/**").uri(uri(ServiceRegistry.PRESENCE)))
                .route(ServiceRegistry.SESSION, r -> r.path("/api/sessions/**", "/api/wallet/**", "/api/wallets/**")
                        .uri(uri(ServiceRegistry.SESSION)))
                .route(ServiceRegistry.CHAT, r -> r.path("/api/chat/**", "/socket.io/**").uri(uri(ServiceRegistry.CHAT)))
                .route(ServiceRegistry.TOKEN, r -> r.path("/api/agora/**").uri(uri(ServiceRegistry.TOKEN)))
                .build();
    }

    /** Tokens minted by the local issuer: only the dev stack has this path; elsewhere it is a 404. */
    @Bean
    @Profile("dev")
    RouteLocator devRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                .route(ServiceRegistry.DEV_ISSUER, r -> r.path("/dev/tokens").uri(uri(ServiceRegistry.DEV_ISSUER)))
                .build();
    }

    private static String uri(String service) {
        return InstanceRoutingFilter.SCHEME + "://" + service;
    }
}
