package com.astro.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.astro.common.web.Problems;

import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * Answers 429 problem details with {@code Retry-After} once a caller has spent its budget for the
 * request's route class. Callers with a token are counted by their user id ({@code sub}), so many
 * users behind one address do not share a budget; requests without one by the client address.
 */
final class RateLimitFilter implements WebFilter, Ordered {

    private final RateLimits limits;

    RateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(principal -> principal instanceof Authentication authentication && authentication.isAuthenticated())
                .map(principal -> Optional.of(principal.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> check(exchange, chain, user));
    }

    private Mono<Void> check(ServerWebExchange exchange, WebFilterChain chain, Optional<String> user) {
        RouteClass routeClass = RouteClass.of(exchange.getRequest(), user.isPresent());
        if (routeClass == null) {
            return chain.filter(exchange);
        }
        String caller = routeClass.perUser() ? "user:" + user.orElseThrow() : "address:" + clientAddress(exchange);
        ConsumptionProbe probe = limits.spend(routeClass, caller);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests of this kind; retry after " + retryAfter + " s");
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** After security (-100), which tells who the caller is, and before the body limit (-90) reads anything. */
    @Override
    public int getOrder() {
        return -95;
    }
}
