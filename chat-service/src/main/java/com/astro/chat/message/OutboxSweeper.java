package com.astro.chat.message;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Publishes the messages that were stored but never acknowledged by the broker: an outage longer than the
 * producer's delivery timeout, or an instance that died between storing and publishing. Every instance sweeps;
 * the outbox's claim lets one of them publish each message. An entry whose message does not exist (its insert
 * failed, or it was a resend refused as a duplicate) is dropped.
 */
@Component
class OutboxSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    /** Entries handled per sweep; the rest wait for the next one, so a long outage is caught up in steps. */
    private static final int BATCH = 500;

    private static final int CONCURRENCY = 8;

    private final MessageOutbox outbox;

    private final MessageStore store;

    private final MessagePublisher publisher;

    private final OutboxProperties properties;

    private final TaskScheduler scheduler;

    private final Clock clock;

    private volatile ScheduledFuture<?> sweeps;

    private final AtomicBoolean sweeping = new AtomicBoolean();

    OutboxSweeper(MessageOutbox outbox, MessageStore store, MessagePublisher publisher, OutboxProperties properties,
            TaskScheduler scheduler, Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** One sweep; completes with the number of messages published again. */
    Mono<Long> sweep() {
        Instant over = clock.instant().minus(properties.attemptTimeout());
        return outbox.due(over, BATCH)
                .flatMap(id -> store.byId(id).switchIfEmpty(Mono.defer(() -> outbox.remove(id).then(Mono.empty()))),
                        CONCURRENCY)
                // each session's messages in their order, as they were first published
                .collectSortedList(Comparator.comparing(ChatMessage::sessionId).thenComparingLong(ChatMessage::seq))
                .flatMap(due -> due.isEmpty() ? Mono.just(0L) : publisher.republishDue(due).onErrorResume(ex -> {
                    log.warn("could not publish {} message(s) from the outbox yet: {}", due.size(), ex.toString());
                    return Mono.just(0L);
                }));
    }

    /** Runs on the shared task scheduler (the heartbeat's too), so it does not wait for the sweep. */
    private void sweepNow() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        sweep().doFinally(signal -> sweeping.set(false)).subscribe(published -> {
            if (published > 0) {
                log.info("published {} message(s) from the outbox", published);
            }
        }, ex -> log.warn("outbox sweep failed: {}", ex.toString()));
    }

    @Override
    public void start() {
        sweeps = scheduler.scheduleWithFixedDelay(this::sweepNow, properties.sweepInterval());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = sweeps;
        if (running != null) {
            running.cancel(false);
            sweeps = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeps != null;
    }
}
