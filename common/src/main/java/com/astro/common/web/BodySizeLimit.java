package com.astro.common.web;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over a limit with 413 problem details: at once when {@code Content-Length} says so,
 * and while streaming when a chunked body grows past the limit, before the excess reaches a handler or, at the
 * gateway, a service. Services run it first ({@link #forService}); the gateway after its security check
 * ({@link #atEdge}), so that a caller without a token learns that first.
 */
public final class BodySizeLimit implements WebFilter, Ordered {

    /** The limit, for the answer to a body the JSON decoder refuses on its own (same limit, its own exception). */
    static final String LIMIT_ATTRIBUTE = BodySizeLimit.class.getName() + ".limit";

    private final long limit;

    private final String detail;

    private final int order;

    public BodySizeLimit(long limit, String detail, int order) {
        this.limit = limit;
        this.detail = detail;
        this.order = order;
    }

    /** Right after the request id, before security: a huge body is refused before anything reads it. */
    public static BodySizeLimit forService(long limit) {
        return new BodySizeLimit(limit, "The request body is larger than the " + limit + " bytes this service accepts",
                Ordered.HIGHEST_PRECEDENCE + 2);
    }

    /** After Spring Security's filter chain (order -100). */
    public static BodySizeLimit atEdge(long limit) {
        return new BodySizeLimit(limit, "The request body is larger than the limit of " + limit + " bytes", -90);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(LIMIT_ATTRIBUTE, limit);
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, detail);
        }
        if (declared >= 0 || !mayStreamBody(exchange)) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, detail,
                                new DataBufferLimitException(detail)));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    /** Without a length a body comes chunked; plain GETs and WebSocket upgrades are left untouched. */
    private static boolean mayStreamBody(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)
                || method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    @Override
    public int getOrder() {
        return order;
    }
}
