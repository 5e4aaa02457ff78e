package com.astro.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a session ended. Only {@link #COMPLETED}, {@link #BALANCE_EXHAUSTED} and {@link #ASTROLOGER_LEFT} sessions were
 * active and so billed. {@link #ASTROLOGER_LEFT} is new in {@code session-ended} version 2.
 */
public enum EndReason {

    COMPLETED("completed"),
    REJECTED("rejected"),
    CANCELLED("cancelled"),
    EXPIRED("expired"),
    BALANCE_EXHAUSTED("balance_exhausted"),
    /** Every realtime connection of the astrologer went away for longer than the grace period. */
    ASTROLOGER_LEFT("astrologer_left");

    private final String wireName;

    EndReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EndReason fromWireName(String value) {
        for (EndReason reason : values()) {
            if (reason.wireName.equals(value)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown end reason: " + value);
    }
}
