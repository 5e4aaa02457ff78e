package com.astro.chat.message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.astro.common.event.MessageSent;
import com.astro.common.kafka.EventPublisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes a stored message on {@code message-sent} and removes it from the {@link MessageOutbox} once the broker
 * acknowledges it, whenever that is: a caller stops waiting after {@code publishWait} at most, the producer keeps the
 * record until it is delivered or its own delivery timeout passes. Every attempt at one message publishes the same event
 * (same event id, same {@code occurredAt}), so a consumer that sees it twice can tell.
 */
@Component
class MessagePublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);

    /**
     * Records waiting for the hand-over thread; a broker outage fills the queue at the rate of messages sent, and past
     * this many the attempt fails at once (the message stays in the outbox for the sweeper).
     */
    private static final int HAND_OVER_QUEUE = 20_000;

    private final ExecutorService handOver = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(HAND_OVER_QUEUE), task -> {
                Thread thread = new Thread(task, "message-hand-over");
                thread.setDaemon(true);
                return thread;
            });

    private final EventPublisher events;

    private final MessageOutbox outbox;

    private final OutboxProperties properties;

    private final PublishedMessages published;

    private final Clock clock;

    private final MessageOrigin origin;

    private final OutboxRemovals removals;

    MessagePublisher(EventPublisher events, MessageOutbox outbox, PublishedMessages published,
            OutboxProperties properties, Clock clock, MessageOrigin origin, OutboxRemovals removals) {
        this.events = events;
        this.origin = origin;
        this.removals = removals;
        this.outbox = outbox;
        this.published = published;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts the attempt that began at {@code startedAt} (recorded in the outbox by the caller, unless it could not
     * be). Without {@code awaitAck} it returns at once: the record is queued for the producer behind the ones before
     * it. With it, it completes when the broker acknowledges, failing if that takes longer than {@code publishWait}.
     * Either way the outbox entry goes once the broker acknowledges ({@link OutboxRemovals}). The message was given
     * to this instance's rooms already, and the record says so ({@link MessageOrigin}).
     */
    Mono<Void> publish(ChatMessage message, Instant startedAt, boolean awaitAck) {
        return attempt(message, startedAt, awaitAck, origin.mark());
    }

    private Mono<Void> attempt(ChatMessage message, Instant startedAt, boolean awaitAck, Iterable<Header> headers) {
        CompletableFuture<Void> acknowledged = handOver(event(message), headers);
        acknowledged.whenComplete((ok, failure) -> settle(message, startedAt, failure));
        return awaitAck ? Mono.fromFuture(acknowledged, true).timeout(properties.publishWait()) : Mono.empty();
    }

    /**
     * Hands the record to the producer on the one hand-over thread, in the order of the calls. The producer blocks
     * there while it has no metadata for the topic (up to max.block.ms, while the broker is down): the records
     * behind it wait in the queue instead of holding their senders, and keep their order.
     */
    private CompletableFuture<Void> handOver(MessageSent event, Iterable<Header> headers) {
        try {
            return CompletableFuture.supplyAsync(() -> events.send(event, headers), handOver).thenCompose(ack -> ack);
        }
        catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(full);
        }
    }

    /**
     * Publishes a message again if its latest attempt is over, claiming it first so that of several instances (or
     * the sweeper and a resend) only one does; false when someone else has it, it was acknowledged, or it turns out
     * to be on the topic already.
     */
    Mono<Boolean> republishIfDue(ChatMessage message) {
        return republishDue(List.of(message)).map(published -> published > 0);
    }

    /**
     * Claims those of {@code messages} whose latest attempt is over; of the claimed, drops from the outbox those
     * already on {@code message-sent} (an attempt reported failed that the broker had written) and publishes the
     * others again. Completes with the number published. If the topic cannot be read (the broker is still away) the
     * claims are given back, so the next sweep tries again.
     */
    Mono<Long> republishDue(List<ChatMessage> messages) {
        Instant now = clock.instant();
        Instant over = now.minus(properties.attemptTimeout());
        return Flux.fromIterable(messages)
                .filterWhen(message -> outbox.claim(message.id(), over, now))
                .collectList()
                .flatMap(claimed -> claimed.isEmpty() ? Mono.just(0L)
                        : Mono.fromCallable(() -> published.among(claimed)).subscribeOn(Schedulers.boundedElastic())
                                .onErrorResume(ex -> Flux.fromIterable(claimed)
                                        .flatMap(message -> outbox.attemptFailed(message.id(), now))
                                        .then(Mono.error(ex)))
                                .flatMap(onTopic -> Flux.fromIterable(claimed)
                                        .concatMap(message -> onTopic.contains(message.id())
                                                ? outbox.remove(message.id()).thenReturn(0L)
                                                : attempt(message, now, false, List.of()).thenReturn(1L))
                                        .reduce(0L, Long::sum)));
    }

    /** Runs when the producer is done with the record, even after the caller stopped waiting. */
    private void settle(ChatMessage message, Instant startedAt, Throwable failure) {
        if (failure == null) {
            removals.acknowledged(message.id());
            return;
        }
        log.warn("message {} (session {}, seq {}) is stored but not published yet: {}", message.id(),
                message.sessionId(), message.seq(), failure.toString());
        outbox.attemptFailed(message.id(), startedAt).subscribe(null, ex -> log.debug(
                "could not mark the failed attempt of message {}: {}", message.id(), ex.toString()));
    }

    /** Records still queued are left to the outbox: another instance's sweeper publishes them. */
    @Override
    public void destroy() {
        handOver.shutdownNow();
    }

    static MessageSent event(ChatMessage message) {
        return MessageSent.of(message.sentAt(), message.id(), message.sessionId(), message.seq(), message.senderId(),
                message.senderRole(), message.text(), message.clientMessageId(), message.sentAt())
                .withEventId(eventId(message.id()));
    }

    /** Derived from the message id, so every attempt, on any instance, carries the same event id. */
    static String eventId(String messageId) {
        return UUID.nameUUIDFromBytes(("message-sent:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
