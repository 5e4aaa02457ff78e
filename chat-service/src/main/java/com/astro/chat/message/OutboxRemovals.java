package com.astro.chat.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes the outbox entries of the messages the broker acknowledged, a batch at a time: one {@code delete} for every
 * acknowledgement of the last {@link #INTERVAL}, instead of one per message (which was a quarter of a message's Mongo
 * writes). An entry whose delete fails, or never runs because the process stopped, stays in the outbox: the sweeper
 * finds its message on the topic and drops it without publishing it again.
 */
@Component
class OutboxRemovals implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxRemovals.class);

    static final Duration INTERVAL = Duration.ofMillis(50);

    /** Ids per {@code delete}, so that one command stays small after a backlog (a broker coming back). */
    static final int MAX_BATCH = 500;

    private final MessageOutbox outbox;

    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean scheduled = new AtomicBoolean();

    OutboxRemovals(MessageOutbox outbox) {
        this.outbox = outbox;
    }

    /** The broker acknowledged the message: its entry goes with the next batch, within {@link #INTERVAL}. */
    void acknowledged(String messageId) {
        acknowledged.add(messageId);
        if (scheduled.compareAndSet(false, true)) {
            Mono.delay(INTERVAL).then(Mono.defer(this::flush)).subscribe();
        }
    }

    private Mono<Void> flush() {
        // cleared before draining: an id added from now on schedules the next batch, so none waits for a later one
        scheduled.set(false);
        List<String> ids = new ArrayList<>();
        for (String id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            ids.add(id);
        }
        return Flux.fromIterable(ids).buffer(MAX_BATCH)
                .concatMap(batch -> outbox.removeAll(batch).onErrorResume(ex -> {
                    log.warn("{} published messages are still in the outbox ({}); the sweeper will drop them",
                            batch.size(), ex.toString());
                    return Mono.empty();
                }))
                .then();
    }

    /** What was acknowledged before shutdown leaves the outbox now rather than through another instance's sweeper. */
    @Override
    public void destroy() {
        try {
            flush().block(Duration.ofSeconds(2));
        }
        catch (RuntimeException ex) {
            log.warn("could not remove the last acknowledged messages from the outbox: {}", ex.toString());
        }
    }
}
