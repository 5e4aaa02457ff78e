package com.astro.common.event;

import java.time.Instant;

/**
 * What every event on every topic carries: a unique id (consumers de-duplicate on it), its type
 * (equal to the topic name), the schema version of its JSON form and when it happened.
 */
public interface DomainEvent {

    String eventId();

    String type();

    int schemaVersion();

    Instant occurredAt();

    /** The Kafka record key: the id the event is about. */
    String key();
}
