package com.astro.common.web;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.astro.common.tracing.UntracedRequests;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One line per request on logger {@code astro.access}: method, path (no query string: it may carry
 * personal data), status, duration in ms and request id. Logged when the response is committed, so
 * statuses set by error handlers (which run after the filter chain) are the ones logged. Successful Socket.IO
 * long-polling requests are not logged: a polling client makes about four per chat message and holds one open at
 * all times, so their lines were a tenth of the gateway's CPU per message (docs/benchmarks.md, long-polling) and
 * said nothing the socket events do not; refused ones, handshakes and WebSocket upgrades still are. Nor are
 * successful health probes: the gateway asks every instance's readiness every 2 s, and a line each would bury the
 * requests people look for; a probe answered 503 is logged.
 */
public final class AccessLog implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("astro.access");

    private static final String HEALTH_PREFIX = "/actuator/health";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        AtomicBoolean logged = new AtomicBoolean();
        exchange.getResponse().beforeCommit(() -> {
            write(exchange, start, logged, null);
            return Mono.empty();
        });
        return chain.filter(exchange).doFinally(signal -> {
            if (signal == SignalType.CANCEL) {
                write(exchange, start, logged, "cancelled");
            }
        });
    }

    private static void write(ServerWebExchange exchange, long start, AtomicBoolean logged, String outcome) {
        if (!log.isInfoEnabled() || !logged.compareAndSet(false, true)) {
            return;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (outcome == null && isRoutine(exchange.getRequest()) && (status == null || !status.isError())) {
            return;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        try (MDC.MDCCloseable ignored = requestId == null ? null : MDC.putCloseable(RequestIds.CONTEXT_KEY, requestId)) {
            log.info("{} {} {} {} ms requestId={}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    outcome != null ? outcome : status == null ? 200 : status.value(), millis, requestId);
        }
    }

    private static boolean isRoutine(ServerHttpRequest request) {
        return UntracedRequests.isEstablishedPoll(request) || request.getPath().value().startsWith(HEALTH_PREFIX);
    }

    /** Just inside the request id filter, so it times everything else. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
