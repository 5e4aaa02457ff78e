package com.astro.common.kafka;

import java.time.Duration;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.astro.common.event.DomainEvent;

import reactor.core.publisher.Mono;

/**
 * The one way a listener of a shared consumer group handles a record: read it ({@link EventReader}), apply the
 * handler and wait for it, at most {@link #HANDLING_TIMEOUT}, so that the offset is committed only after the
 * change is stored. A record that can never be handled is refused with {@link UnprocessableEventException} (to the
 * dead-letter topic); any other failure, a timeout included, is retried by the error handler until it succeeds,
 * so a state change is never skipped (common's {@code AstroKafkaAutoConfiguration}).
 */
public final class ConsumedEvents {

    /** Far longer than any healthy handling; a hung one fails and is retried instead of stalling the partition. */
    public static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConsumedEvents.class);

    private ConsumedEvents() {
    }

    public static <T extends DomainEvent> void handle(String value, EventReader<T> reader,
            Function<? super T, ? extends Mono<?>> handler) {
        T event = reader.read(value);
        handler.apply(event).block(HANDLING_TIMEOUT);
        log.debug("handled {} {}", event.type(), event.eventId());
    }

    /**
     * For a listener that reads several topics with one consumer (each listener is a group member of its own, with
     * its own polls and heartbeats): a record of a topic it has no handler for, which goes to the dead letters.
     */
    public static UnprocessableEventException unexpected(ConsumerRecord<?, ?> record) {
        return new UnprocessableEventException("no handler for a record of " + record.topic() + " in this listener");
    }
}
