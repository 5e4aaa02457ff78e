package com.astro.socketio.server;

import reactor.core.publisher.Mono;

/**
 * Decides whether a client may connect to a namespace (authentication). Runs for every CONNECT, in
 * registration order; the first rejection wins. An empty Mono accepts; an error rejects with "Internal error".
 */
@FunctionalInterface
public interface ConnectionMiddleware {

    Mono<Admission> check(Handshake handshake);
}
