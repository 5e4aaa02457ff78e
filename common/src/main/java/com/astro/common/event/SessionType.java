package com.astro.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of consultation, as the seed names it in {@code sessionType}. */
public enum SessionType {

    CHAT("chat"), AUDIO("audio"), VIDEO("video");

    private final String wireName;

    SessionType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses the wire name; returns null for anything else so callers can answer 400. */
    @JsonCreator
    public static SessionType fromWireName(String value) {
        for (SessionType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
