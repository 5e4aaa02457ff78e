package com.astro.chat.realtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many socket requests this instance holds at once, queued or running, over all its sockets. Without a bound
 * an overload queues requests until the heap runs out (docs/benchmarks.md, finding 4); with one, the requests past
 * it are refused at once and the instance keeps serving the ones it took.
 */
final class RequestBudget {

    private final int limit;

    private final AtomicInteger held = new AtomicInteger();

    RequestBudget(int limit) {
        this.limit = limit;
    }

    boolean tryAcquire() {
        if (held.incrementAndGet() > limit) {
            held.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        held.decrementAndGet();
    }

    int held() {
        return held.get();
    }
}
