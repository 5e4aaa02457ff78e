package com.astro.common.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Problem details for errors that happen outside any controller (no handler for the path, a filter
 * failing, a body refused while streaming), replacing Boot's default error page and JSON. Never
 * writes a stack trace.
 */
public final class ProblemDetailsFallback implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsFallback.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (RequestErrors.find(error, DataBufferLimitException.class) != null) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, RequestErrors.tooLarge(exchange));
        }
        if (error instanceof ResponseStatusException status && status.getStatusCode().value() < 500) {
            HttpStatus code = HttpStatus.valueOf(status.getStatusCode().value());
            String detail = code == HttpStatus.NOT_FOUND
                    ? "No endpoint " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()
                    : status.getReason() != null ? status.getReason() : code.getReasonPhrase();
            return Problems.write(exchange, code, detail);
        }
        if (RequestErrors.unavailable(error)) {
            log.warn("{} {} answered 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    error.toString());
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, RequestErrors.UNAVAILABLE_DETAIL);
        }
        String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
        try (MDC.MDCCloseable ignored = requestId == null ? null : MDC.putCloseable(RequestIds.CONTEXT_KEY, requestId)) {
            log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
        // a status exception's reason was written for clients; anything else may carry internals
        if (error instanceof ResponseStatusException status && status.getStatusCode().value() != 500) {
            HttpStatus code = HttpStatus.valueOf(status.getStatusCode().value());
            return Problems.write(exchange, code, status.getReason() != null ? status.getReason() : code.getReasonPhrase());
        }
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote the request id when reporting it");
    }

    /** Where Boot's default handler would sit; the gateway's own handler (-2) still comes first. */
    @Override
    public int getOrder() {
        return -1;
    }
}
