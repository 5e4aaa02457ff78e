package com.astro.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;

import com.astro.gateway.GatewayProperties;

import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Which path prefix belongs to which service, each balanced over its instances by Spring Cloud LoadBalancer
 * ({@code lb://<service>}, {@link InstanceLoadBalancer}). The paths are a contract with the clients: the root README
 * and each service's README list them, and a change here is a change there.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceLoadBalancerConfiguration.class)
class RoutesConfiguration {

    static final String SCHEME = "lb";

    @Bean
    ServiceRegistry serviceRegistry(GatewayProperties properties) {
        return new ServiceRegistry(properties);
    }

    @Bean
    StickySessionFilter stickySessionFilter(ServiceRegistry registry) {
        return new StickySessionFilter(registry);
    }

    @Bean
    InstanceFailures instanceFailures(ServiceRegistry registry) {
        return new InstanceFailures(registry);
    }

    @Bean
    WebSocketPreflight webSocketPreflight(
            @Value("${spring.cloud.gateway.server.webflux.httpclient.connect-timeout:2000}") int connectTimeoutMillis) {
        return new WebSocketPreflight(Duration.ofMillis(connectTimeoutMillis));
    }

    @Bean
    PollingProxy pollingProxy(ServiceRegistry registry, HttpClient httpClient, HttpClientProperties httpClientProperties,
            ObjectProvider<RemoveHopByHopHeadersFilter> hopByHop, GatewayProperties properties) {
        // the routes' hop-by-hop headers as configured; Spring Cloud Gateway's defaults if that filter is switched off
        RemoveHopByHopHeadersFilter routes = hopByHop.getIfAvailable();
        Set<String> hopByHopHeaders = routes != null ? routes.getHeaders() : RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST;
        return new PollingProxy(registry.get(ServiceRegistry.CHAT), httpClient, hopByHopHeaders,
                properties.maxBodySize().toBytes(), httpClientProperties.getResponseTimeout());
    }

    @Bean
    BackendResponseHeaders backendResponseHeaders() {
        return new BackendResponseHeaders();
    }

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder routes) {
        return routes.routes()
                .route(ServiceRegistry.PRESENCE, r -> r.path("/api/v1/astrologers/**")
                        .filters(f -> f.retry(RoutesConfiguration::onceElsewhereWhenRefused)).uri(uri(ServiceRegistry.PRESENCE)))
                .route(ServiceRegistry.SESSION, r -> r.path("/api/sessions/**", "/api/wallet/**", "/api/wallets/**")
                        .filters(f -> f.retry(RoutesConfiguration::onceElsewhereWhenRefused)).uri(uri(ServiceRegistry.SESSION)))
                .route(ServiceRegistry.CHAT, r -> r.path("/api/chat/**", "/socket.io/**")
                        .filters(f -> f.retry(RoutesConfiguration::onceElsewhereWhenRefused)).uri(uri(ServiceRegistry.CHAT)))
                .route(ServiceRegistry.TOKEN, r -> r.path("/api/agora/**")
                        .filters(f -> f.retry(RoutesConfiguration::onceElsewhereWhenRefused)).uri(uri(ServiceRegistry.TOKEN)))
                .build();
    }

    /**
     * An idempotent request (WebSocket upgrades are GETs) whose instance refused the connection, or closed
     * it before answering (a pooled connection the backend had just closed while idle), is sent once
     * more, to the next usable instance. Never a POST, never after an answer or a timeout.
     */
    private static void onceElsewhereWhenRefused(RetryConfig retry) {
        retry.setRetries(1)
                .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                .setSeries()
                .setStatuses()
                .setExceptions(ConnectException.class, PrematureCloseException.class);
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
        return SCHEME + "://" + service;
    }
}
