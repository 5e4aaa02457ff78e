package com.astro.chat.realtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Runs one socket's requests one after the other, in the order the client sent them. Handlers are reactive
 * and would otherwise overlap: two quick {@code message:send} could take their sequence numbers in the wrong
 * order, or a send could overtake the {@code join-session} before it. Requests of different sockets still run
 * concurrently. A socket may have at most {@code maxPending} requests waiting, and each request also holds a
 * place in the instance's {@link RequestBudget} until it is done.
 */
final class SerialQueue {

    /** Why a request was not queued. */
    enum Refusal {
        NONE, SOCKET_FULL, INSTANCE_BUSY
    }

    // grows in chunks of 16 (Reactor's default chunk is 256 slots, a kilobyte per socket)
    private final Sinks.Many<Supplier<Mono<?>>> tasks = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<Supplier<Mono<?>>>unbounded(16).get());

    private final AtomicInteger pending = new AtomicInteger();

    private final int maxPending;

    private final RequestBudget budget;

    private final Disposable worker;

    SerialQueue(int maxPending, RequestBudget budget) {
        this.maxPending = maxPending;
        this.budget = budget;
        worker = tasks.asFlux()
                .concatMap(task -> Mono.defer(task).onErrorResume(ex -> Mono.empty())
                        .doFinally(signal -> done()), 1)
                .subscribe();
    }

    /** Queues the task, or says why not (the socket has too many waiting, the instance is full, or it closed). */
    synchronized Refusal submit(Supplier<Mono<?>> task) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return Refusal.SOCKET_FULL;
        }
        if (!budget.tryAcquire()) {
            pending.decrementAndGet();
            return Refusal.INSTANCE_BUSY;
        }
        if (tasks.tryEmitNext(task).isFailure()) {
            done();
            return Refusal.SOCKET_FULL;
        }
        return Refusal.NONE;
    }

    /** Drops what is still waiting; the tasks' places in the budget are given back. */
    void close() {
        tasks.tryEmitComplete();
        worker.dispose();
        int left = pending.getAndSet(0);
        for (int i = 0; i < left; i++) {
            budget.release();
        }
    }

    private void done() {
        if (pending.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
            budget.release();
        }
    }
}
