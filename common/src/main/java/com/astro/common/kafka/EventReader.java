package com.astro.common.kafka;

import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;

/**
 * How a listener reads one topic's records: the event type, the schema versions it knows (later ones only add
 * fields) and what its handler needs. A record that fails any of these can never be handled: {@link #read}
 * refuses it with {@link UnprocessableEventException}, which the error handler puts on the dead-letter topic;
 * {@link #readOrSkip} is for consumers without one (an instance's own fan-out, an in-memory feed).
 */
public record EventReader<T extends DomainEvent>(Class<T> type, int oldest, int newest, Predicate<? super T> complete,
        String incomplete) {

    private static final Logger log = LoggerFactory.getLogger(EventReader.class);

    /** Events of the one schema version this service reads. */
    public static <T extends DomainEvent> EventReader<T> of(Class<T> type, int version) {
        return of(type, version, version);
    }

    /** Events of a schema version from {@code oldest} to {@code newest}. */
    public static <T extends DomainEvent> EventReader<T> of(Class<T> type, int oldest, int newest) {
        return new EventReader<>(type, oldest, newest, event -> true, null);
    }

    /** Also refuses an event that lacks what the handler needs, saying what that is. */
    public EventReader<T> requiring(Predicate<? super T> condition, String missing) {
        return new EventReader<>(type, oldest, newest, condition, missing);
    }

    public T read(String value) {
        T event;
        try {
            event = EventJson.read(value, type);
        }
        catch (RuntimeException ex) {
            throw new UnprocessableEventException("not a readable " + type.getSimpleName() + ": " + ex.getMessage(), ex);
        }
        if (event == null) {
            throw new UnprocessableEventException("an empty " + type.getSimpleName() + " record");
        }
        if (event.schemaVersion() < oldest || event.schemaVersion() > newest) {
            throw new UnprocessableEventException(type.getSimpleName() + " schema version " + event.schemaVersion()
                    + " is unknown here (this service reads " + (oldest == newest ? "version " + oldest
                            : "versions " + oldest + " to " + newest) + ")");
        }
        if (!complete.test(event)) {
            throw new UnprocessableEventException(incomplete);
        }
        return event;
    }

    /** The event, or null (and a warning) for a record {@link #read} would refuse. */
    public T readOrSkip(String value) {
        try {
            return read(value);
        }
        catch (UnprocessableEventException ex) {
            log.warn("skipping a record: {}", ex.getMessage());
            return null;
        }
    }
}
