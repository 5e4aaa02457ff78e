package com.astro.chat.realtime;

import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs one socket's requests one after the other, in the order the client sent them. Handlers are reactive
 * and would otherwise overlap: two quick {@code message:send} could take their sequence numbers in the wrong
 * order, or a send could overtake the {@code join-session} before it. Requests of different sockets still run
 * concurrently. A client may have at most {@value #MAX_PENDING} requests waiting; more are refused.
 */
final class SerialQueue {

    static final int MAX_PENDING = 256;

    private final Sinks.Many<Supplier<Mono<?>>> tasks = Sinks.many().unicast().onBackpressureBuffer();

    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    private final Disposable worker;

    SerialQueue() {
        worker = tasks.asFlux()
                .concatMap(task -> Mono.defer(task).onErrorResume(ex -> Mono.empty())
                        .doFinally(signal -> pending.decrementAndGet()), 1)
                .subscribe();
    }

    /** Queues the task; false when too many are waiting or the queue is closed. */
    synchronized boolean submit(Supplier<Mono<?>> task) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return false;
        }
        if (tasks.tryEmitNext(task).isFailure()) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    void close() {
        tasks.tryEmitComplete();
        worker.dispose();
    }
}
