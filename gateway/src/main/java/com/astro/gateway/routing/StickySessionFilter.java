package com.astro.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import java.util.Optional;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import com.astro.common.web.Problems;

import reactor.core.publisher.Mono;

/**
 * Names the service a request is routed to (for error messages) and pins a Socket.IO request that
 * carries an Engine.IO {@code sid} to the chat instance the sid names, for {@link InstanceLoadBalancer}
 * to pick: provided that instance is one of the configured ones, since a forged prefix must never make
 * the gateway call an address of the client's choosing.
 */
final class StickySessionFilter implements GlobalFilter, Ordered {

    /** The instance a request must go to (its Engine.IO session lives there), read by the load balancer. */
    static final String OWNER_ATTRIBUTE = StickySessionFilter.class.getName() + ".owner";

    private final ServiceRegistry registry;

    StickySessionFilter(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !RoutesConfiguration.SCHEME.equals(url.getScheme())) {
            return chain.filter(exchange);
        }
        ServiceInstances instances = registry.get(url.getHost());
        if (instances == null) {
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, url.getHost() + " is not configured");
        }
        exchange.getAttributes().put(ServiceRegistry.ROUTED_SERVICE_ATTRIBUTE, instances.service());
        String sid = exchange.getRequest().getQueryParams().getFirst("sid");
        if (sid != null && EngineIoSid.hasPrefix(sid)) {
            Optional<Instance> owner = EngineIoSid.authority(sid).flatMap(instances::byAuthority);
            if (owner.isEmpty()) {
                return Problems.write(exchange, HttpStatus.BAD_REQUEST,
                        "Unknown Engine.IO session id: it names no " + instances.service() + " instance; open a new connection");
            }
            exchange.getAttributes().put(OWNER_ATTRIBUTE, owner.get());
        }
        return chain.filter(exchange);
    }

    /** After the route's URL is set (10000), before Spring Cloud's load balancer filter (10150) reads the owner. */
    @Override
    public int getOrder() {
        return 10100;
    }
}
