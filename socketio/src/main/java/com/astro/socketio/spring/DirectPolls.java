package com.astro.socketio.spring;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;

import reactor.core.publisher.Mono;

/**
 * Hands the requests of an established long-polling session (a GET or POST with a {@code sid}) straight to the
 * Engine.IO server, ahead of the application's later web filters and its handler mappings. A polling client makes
 * several such requests per message and keeps one open all the time; the sid is their credential, checked by the
 * server, so an application's security chain, body limit and mapping lookup have nothing to do for them but cost
 * CPU on every one. Handshakes, upgrades and everything else take the normal way.
 */
final class DirectPolls implements WebFilter, Ordered {

    private final String path;

    private final WebHandler engine;

    private final int order;

    DirectPolls(String path, WebHandler engine, int order) {
        this.path = path;
        this.engine = engine;
        this.order = order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return isEstablishedPoll(exchange.getRequest()) ? engine.handle(exchange) : chain.filter(exchange);
    }

    private boolean isEstablishedPoll(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.POST.equals(method))
                && path.equals(request.getPath().pathWithinApplication().value())
                && "polling".equals(request.getQueryParams().getFirst("transport"))
                && request.getQueryParams().containsKey("sid")
                && request.getHeaders().getUpgrade() == null;
    }

    @Override
    public int getOrder() {
        return order;
    }
}
