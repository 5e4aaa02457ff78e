package com.astro.common.kafka;

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
        return Mono.fromFuture(() -> kafka.send(event.type(), event.key(), EventJson.write(event))).then();
    }
}
