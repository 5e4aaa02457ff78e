package com.astro.common.web;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@code astro.web.max-body-bytes} with 413 problem details: at once when
 * {@code Content-Length} says so, and while streaming when a chunked body grows past the limit (the
 * body then fails with {@link DataBufferLimitException}, which the problem-details handlers answer 413).
 */
public final class BodySizeLimit implements WebFilter, Ordered {

    static final String LIMIT_ATTRIBUTE = BodySizeLimit.class.getName() + ".limit";

    private final long limit;

    public BodySizeLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getAttributes().put(LIMIT_ATTRIBUTE, limit);
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, RequestErrors.tooLarge(exchange));
        }
        if (declared >= 0 || !mayStreamBody(exchange)) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<org.springframework.core.io.buffer.DataBuffer> getBody() {
                return super.getBody().doOnNext(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        throw new DataBufferLimitException("Request body exceeds " + limit + " bytes");
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    /** Without a length a body comes chunked; plain GETs and WebSocket upgrades are left untouched. */
    private static boolean mayStreamBody(ServerWebExchange exchange) {
        org.springframework.http.HttpMethod method = exchange.getRequest().getMethod();
        return exchange.getRequest().getHeaders().containsHeader(org.springframework.http.HttpHeaders.TRANSFER_ENCODING)
                || method == org.springframework.http.HttpMethod.POST || method == org.springframework.http.HttpMethod.PUT
                || method == org.springframework.http.HttpMethod.PATCH;
    }

    /** Right after the request id, before security: a huge body is refused before anything reads it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
