package com.astro.common.kafka;

/**
 * A record that no retry can make handleable: not JSON, not the event its topic carries, a schema version this
 * service does not know, or an event missing what its handler needs. The error handler does not retry it; it
 * puts it on {@code <topic>.DLT} with the reason in the record's headers (docs/events.md "Dead letters").
 */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String message) {
        super(message);
    }

    public UnprocessableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
