package com.astro.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Proxy errors surface inside the dispatcher, where controller advice (common's problem-details
 * advice, written for services) would answer them first; this advice, ahead of it, hands every
 * error to {@link GatewayErrors} so the gateway's wording (which service, no route) is used.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayErrorAdvice {

    private final GatewayErrors errors;

    GatewayErrorAdvice(GatewayErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(Throwable.class)
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return errors.handle(exchange, error);
    }
}
