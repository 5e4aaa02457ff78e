package com.astro.chat.realtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Runs work for one key strictly one after another, and work for different keys at the same time, without
 * blocking the caller. The fan-out consumer hands each session's events here so that a slow store round trip of
 * one session no longer holds up every other session's notification behind it on the single consumer thread.
 * A key's entry is dropped as soon as its last piece of work is done, so the map only holds keys in flight.
 */
final class KeyedSerialQueue {

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Starts {@code work} after the work already queued for {@code key}; its failure does not stop later work. */
    void submit(String key, Mono<Void> work) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, next);
        Runnable run = () -> work.doFinally(signal -> {
            tails.remove(key, next);
            next.complete(null);
        }).subscribe(null, ex -> { });
        if (previous == null) {
            run.run();
        }
        else {
            previous.whenComplete((ignored, ex) -> run.run());
        }
    }

    /** Keys with work queued or running. */
    int inFlight() {
        return tails.size();
    }
}
