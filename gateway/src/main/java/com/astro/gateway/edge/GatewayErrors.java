package com.astro.gateway.edge;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import com.astro.common.web.Problems;
import com.astro.gateway.routing.ServiceRegistry;

import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself produces becomes problem details with a clear detail and no stack
 * trace: no route (404), body too large (413), a service that cannot be reached (503), one that does
 * not answer in time (504) or breaks off its answer (502).
 */
final class GatewayErrors implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        String service = exchange.getAttribute(ServiceRegistry.ROUTED_SERVICE_ATTRIBUTE);
        String name = service == null ? "The service" : service;
        if (causedBy(error, TimeoutException.class) || status(error) == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, name + " did not answer in time");
        }
        if (error instanceof ResponseStatusException rse) {
            return Problems.write(exchange, HttpStatus.valueOf(rse.getStatusCode().value()), detail(exchange, rse));
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)
                || causedBy(error, UnresolvedAddressException.class)) {
            log.warn("{} is unavailable: {}", name, error.toString());
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, name + " is unavailable");
        }
        if (service != null && causedBy(error, IOException.class)) {
            log.warn("{} failed while answering: {}", name, error.toString());
            return Problems.write(exchange, HttpStatus.BAD_GATEWAY, name + " failed while answering; try again");
        }
        log.error("unexpected gateway error on {}", exchange.getRequest().getPath(), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed unexpectedly");
    }

    private static String detail(ServerWebExchange exchange, ResponseStatusException error) {
        HttpStatusCode status = error.getStatusCode();
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "No route for " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        }
        if (error.getReason() != null) {
            return error.getReason();
        }
        return HttpStatus.valueOf(status.value()).getReasonPhrase();
    }

    private static int status(Throwable error) {
        return error instanceof ResponseStatusException rse ? rse.getStatusCode().value() : -1;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Before Boot's default handler (-1). */
    @Override
    public int getOrder() {
        return -2;
    }
}
