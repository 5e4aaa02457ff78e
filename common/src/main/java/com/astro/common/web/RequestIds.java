package com.astro.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, a new one otherwise.
 * It is echoed in the response, kept as an exchange attribute, forwarded by the gateway and put in
 * the Reactor context (key {@value #CONTEXT_KEY}) so logs can carry it.
 */
public final class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";

    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    public static final String CONTEXT_KEY = "requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final boolean forwarded;

    /**
     * @param forwarded whether the id must also be in the request's headers, for the gateway to pass it on to the
     *        services. Adding a header copies all of a request's headers, and a WebSocket upgrade keeps its request
     *        (and the copy) as long as the socket lives (issue 23), so a service, which only logs the id, does not.
     */
    public RequestIds(boolean forwarded) {
        this.forwarded = forwarded;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        ServerWebExchange withHeader = !forwarded || id.equals(incoming) ? exchange
                : exchange.mutate().request(r -> r.headers(h -> h.set(HEADER, id))).build();
        return chain.filter(withHeader).contextWrite(ctx -> ctx.put(CONTEXT_KEY, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
