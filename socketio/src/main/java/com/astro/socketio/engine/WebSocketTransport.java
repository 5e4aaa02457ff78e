package com.astro.socketio.engine;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The outbound side of one WebSocket connection: a queue drained by Netty only while the socket is writable.
 * The queue grows in small chunks (idle connections cost little) and is bounded by a count of packets not yet
 * taken by Netty. Emissions are serialized by the owning session's lock.
 */
final class WebSocketTransport {

    private final Sinks.Many<EnginePacket> outbound = Sinks.many().unicast().onBackpressureBuffer(
            Queues.<EnginePacket>unbounded(16).get());
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final Runnable closer;

    WebSocketTransport(int capacity, Runnable closer) {
        this.capacity = capacity;
        this.closer = closer;
    }

    Flux<EnginePacket> packets() {
        return outbound.asFlux().doOnNext(packet -> queued.decrementAndGet());
    }

    /** @return false when the queue is full (the client reads too slowly) */
    boolean offer(EnginePacket packet) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            return false;
        }
        Sinks.EmitResult result = outbound.tryEmitNext(packet);
        if (result.isFailure()) {
            queued.decrementAndGet();
        }
        return result.isSuccess() || result == Sinks.EmitResult.FAIL_CANCELLED
                || result == Sinks.EmitResult.FAIL_TERMINATED;
    }

    void close() {
        outbound.tryEmitComplete();
        closer.run();
    }
}
