package com.astro.common.kafka;

import java.time.Duration;

import com.astro.common.event.DomainEvent;
import com.astro.common.event.EventJson;

import reactor.core.publisher.Mono;

/**
 * How listeners read a record and wait for its handling. A record that can never be handled is refused with
 * {@link UnprocessableEventException} (to the dead-letter topic); any other failure, a timeout included, is
 * retried by the error handler until it succeeds, so a state change is never skipped.
 */
public final class ConsumedEvents {

    /** Far longer than any healthy handling; a hung one fails and is retried instead of stalling the partition. */
    public static final Duration HANDLING_TIMEOUT = Duration.ofSeconds(30);

    private ConsumedEvents() {
    }

    /** The record's event, of the one schema version this service reads. */
    public static <T extends DomainEvent> T read(String value, Class<T> type, int schemaVersion) {
        return read(value, type, schemaVersion, schemaVersion);
    }

    /** The record's event, of a schema version from {@code oldest} to {@code newest} (later ones only added). */
    public static <T extends DomainEvent> T read(String value, Class<T> type, int oldest, int newest) {
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
        return event;
    }

    /** Refuses an event that lacks what its handler needs. */
    public static void require(boolean complete, String what) {
        if (!complete) {
            throw new UnprocessableEventException(what);
        }
    }

    /** Waits for a handling step, at most {@link #HANDLING_TIMEOUT}. */
    public static <T> T await(Mono<T> handling) {
        return handling.block(HANDLING_TIMEOUT);
    }
}
