package com.astro.bench.storage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Runs operation k at start + k / rate on one thread, without waiting for earlier operations (open loop): the
 * latency of each is measured from its scheduled time, so a slow store shows as latency, not as a lower rate.
 * Stops sending when more than maxInFlight operations are outstanding (overload).
 */
final class OpenLoop {

    record Result(int scheduled, int sent, int completed, int errors, String firstError, double seconds,
            boolean overloaded) {
    }

    static Result run(double rate, double seconds, int maxInFlight, Latencies latencies,
            LongFunction<Publisher<?>> operation) throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        String[] firstError = new String[1];
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        int sent = 0;
        boolean overloaded = false;
        for (int k = 0; k < total; k++) {
            long due = start + k * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                overloaded = true;
                break;
            }
            inFlight.incrementAndGet();
            sent++;
            Mono.from(operation.apply(k)).then().subscribe(null, ex -> {
                synchronized (firstError) {
                    if (firstError[0] == null) {
                        firstError[0] = ex.toString();
                    }
                }
                errors.incrementAndGet();
                inFlight.decrementAndGet();
                lastDone.set(System.nanoTime());
            }, () -> {
                latencies.add(System.nanoTime() - due);
                completed.incrementAndGet();
                inFlight.decrementAndGet();
                lastDone.set(System.nanoTime());
            });
        }
        long drainUntil = System.nanoTime() + 30_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(5);
        }
        double elapsed = (Math.max(lastDone.get(), start) - start) / 1e9;
        return new Result(total, sent, completed.get(), errors.get(), firstError[0], elapsed, overloaded);
    }

    private OpenLoop() {
    }
}
