package com.astro.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.addOriginalRequestUrl;

import java.net.URI;
import java.util.Optional;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import com.astro.common.web.Problems;

import reactor.core.publisher.Mono;

/**
 * Turns a route's {@code astro://<service>} address into one instance of that service: round robin,
 * except that a Socket.IO request carrying an Engine.IO {@code sid} goes to the chat instance the sid
 * names, provided that instance is one of the configured ones (a forged prefix must never make the
 * gateway call an address of the client's choosing).
 */
public final class InstanceRoutingFilter implements GlobalFilter, Ordered {

    public static final String SCHEME = "astro";

    /** The service a request was routed to, for error messages. */
    public static final String SERVICE_ATTRIBUTE = InstanceRoutingFilter.class.getName() + ".service";

    private final ServiceRegistry registry;

    public InstanceRoutingFilter(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !SCHEME.equals(url.getScheme())) {
            return chain.filter(exchange);
        }
        ServiceInstances instances = registry.get(url.getHost());
        if (instances == null) {
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, url.getHost() + " is not configured");
        }
        exchange.getAttributes().put(SERVICE_ATTRIBUTE, instances.service());
        String sid = exchange.getRequest().getQueryParams().getFirst("sid");
        Instance target;
        if (sid != null && EngineIoSid.hasPrefix(sid)) {
            Optional<Instance> owner = EngineIoSid.authority(sid).flatMap(instances::byAuthority);
            if (owner.isEmpty()) {
                return Problems.write(exchange, HttpStatus.BAD_REQUEST,
                        "Unknown Engine.IO session id: it names no " + instances.service() + " instance; open a new connection");
            }
            target = owner.get();
        }
        else {
            target = instances.next();
        }
        addOriginalRequestUrl(exchange, url);
        URI routed = UriComponentsBuilder.fromUri(url)
                .scheme(target.scheme())
                .host(target.host())
                .port(target.port())
                .build(true)
                .toUri();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, routed);
        return chain.filter(exchange);
    }

    /** Where Spring Cloud's own load balancer filter would run: after the route URL is set, before the proxy. */
    @Override
    public int getOrder() {
        return 10150;
    }
}
