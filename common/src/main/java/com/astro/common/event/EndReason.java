package com.astro.common.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a session ended. Only {@link #COMPLETED} and {@link #BALANCE_EXHAUSTED} sessions were active and so billed. */
public enum EndReason {

    COMPLETED("completed"),
    REJECTED("rejected"),
    CANCELLED("cancelled"),
    EXPIRED("expired"),
    BALANCE_EXHAUSTED("balance_exhausted");

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
