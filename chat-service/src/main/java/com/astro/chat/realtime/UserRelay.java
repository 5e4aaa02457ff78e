package com.astro.chat.realtime;

import java.time.Clock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.astro.common.kafka.EventPublisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Sends a Socket.IO event to one user's sockets wherever they are connected: a {@link ChatRelay} on
 * {@code chat-relay}, keyed by the user, which every instance's fan-out consumer emits to the sockets it holds of
 * that user. Relays of one user from one instance keep their order (one key, one partition, one producer).
 */
@Component
public class UserRelay implements DisposableBean {

    /**
     * The producer blocks while it has no metadata (a broker outage, up to max.block.ms): records are handed to it
     * on this one thread, never on a network thread, and in the order they were sent.
     */
    private final Scheduler handOver = Schedulers.newSingle("chat-relay-hand-over", true);

    private final EventPublisher events;

    private final Clock clock;

    UserRelay(EventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Completes when the broker has acknowledged the record; relays subscribed one after the other keep their order. */
    public Mono<Void> toUser(String userId, String event, Object payload) {
        ChatRelay relay = ChatRelay.of(clock.instant(), userId, event,
                (JsonNode) Replies.json(payload));
        return Mono.fromFuture(() -> events.send(relay)).subscribeOn(handOver);
    }

    @Override
    public void destroy() {
        handOver.dispose();
    }
}
