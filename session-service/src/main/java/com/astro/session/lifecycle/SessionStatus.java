package com.astro.session.lifecycle;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a session is. {@code ENDING} is the short step of an active session whose bill is fixed but whose charge,
 * releases and event are not all done yet; a sweeper finishes it if the instance doing so dies.
 */
public enum SessionStatus {

    PENDING, ACTIVE, ENDING, ENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name; null for anything else so callers can answer 400. */
    static SessionStatus fromWireName(String value) {
        for (SessionStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
