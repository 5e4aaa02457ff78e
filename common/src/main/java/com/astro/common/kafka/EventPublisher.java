package com.astro.common.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.KafkaTemplate;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;

import reactor.core.publisher.Mono;

/**
 * Publishes an event to the topic named by its type, keyed by the id it concerns, as JSON text.
 * The returned Mono completes when the broker has acknowledged the record (acks=all).
 */
public class EventPublisher {

    private final KafkaTemplate<String, String> kafka;

    public EventPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    public Mono<Void> publish(DomainEvent event) {
        return Mono.fromFuture(() -> send(event));
    }

    /**
     * Hands the record to the producer and returns at once (unless the producer blocks on metadata, up to its
     * {@code max.block.ms}); the future completes when the broker acknowledges the record or when the producer
     * gives up on it ({@code delivery.timeout.ms}), whoever stopped waiting for it.
     */
    public CompletableFuture<Void> send(DomainEvent event) {
        return send(event, List.of());
    }

    /** {@link #send(DomainEvent)} with record headers, for what the consumers of a service's own events need. */
    public CompletableFuture<Void> send(DomainEvent event, Iterable<Header> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.type(), null, event.key(),
                EventJson.write(event), headers);
        return kafka.send(record).thenApply(result -> null);
    }
}
