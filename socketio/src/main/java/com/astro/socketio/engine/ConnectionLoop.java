package com.astro.socketio.engine;

import java.util.function.Supplier;

import io.netty.util.concurrent.EventExecutor;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop of the connection a request arrived on. A held long-polling GET is completed by whichever thread
 * queues a packet: a Kafka consumer or producer thread, the heartbeat timer. Writing the response there would run
 * the whole response commit (the application's filters: access log, security headers, metrics) on that thread,
 * one socket after another: a single busy emitter then delays every socket's response, and a Kafka client thread
 * stalls its own work. The response is written on the connection's loop instead; the emitter only hands over.
 */
final class ConnectionLoop {

    private final EventExecutor loop;

    private ConnectionLoop(EventExecutor loop) {
        this.loop = loop;
    }

    /** The request's loop; none when the server is not Reactor Netty (the work then runs where it is signalled). */
    static ConnectionLoop of(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return new ConnectionLoop(nativeRequest instanceof Connection connection ? connection.channel().eventLoop() : null);
    }

    /** Runs the work at once when already on the loop (or there is none), else hands it to the loop. */
    <T> Mono<T> run(Supplier<Mono<T>> work) {
        if (loop == null || loop.inEventLoop()) {
            return work.get();
        }
        return Mono.defer(work).subscribeOn(Schedulers.fromExecutor(loop));
    }
}
