package com.astro.presence.astrologer;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.astro.common.event.Rates;

/**
 * One astrologer's presence as stored in the service's own {@code astrologers} collection.
 * {@code version} grows by one, atomically with the change, on every change that is published;
 * {@code disconnectedSince} (the disconnect rule's grace clock) and {@code endedSessions} (the last few sessions
 * known to have ended, so that a late acceptance cannot make the astrologer busy again) are internal and never
 * published. {@code unpublished} is set with every change and cleared once that version's event is acknowledged,
 * so a change whose event was never sent (the instance died in between) is found and published later.
 * {@code connectionLost} is set when the disconnect rules take the astrologer offline and cleared when they go online
 * or offline themselves (published: session-service ends the session of an astrologer who left).
 * {@code ratingCount} and {@code ratingAverage} summarize the users' current ratings of the astrologer's sessions
 * (absent on records older than ratings).
 */
@Document(AstrologerPresence.COLLECTION)
public record AstrologerPresence(
        @Id String id,
        String displayName,
        boolean online,
        boolean busy,
        String currentSessionId,
        Instant lastSeen,
        Rates rates,
        long version,
        Instant disconnectedSince,
        Instant changedAt,
        List<String> endedSessions,
        boolean unpublished,
        Boolean connectionLost,
        Long ratingCount,
        Double ratingAverage) {

    /** Records stored before {@code connectionLost} existed (or created by a change that does not set it): not lost. */
    public AstrologerPresence {
        connectionLost = connectionLost != null && connectionLost;
    }

    static final String COLLECTION = "astrologers";

    static final String ID = "_id";
    static final String DISPLAY_NAME = "displayName";
    static final String ONLINE = "online";
    static final String BUSY = "busy";
    static final String CURRENT_SESSION_ID = "currentSessionId";
    static final String LAST_SEEN = "lastSeen";
    static final String RATES = "rates";
    static final String VERSION = "version";
    static final String DISCONNECTED_SINCE = "disconnectedSince";
    static final String CHANGED_AT = "changedAt";
    static final String ENDED_SESSIONS = "endedSessions";
    static final String UNPUBLISHED = "unpublished";
    static final String CONNECTION_LOST = "connectionLost";
    static final String RATING_COUNT = "ratingCount";
    static final String RATING_AVERAGE = "ratingAverage";

    /** How many ended session ids an astrologer's record remembers. */
    static final int ENDED_SESSIONS_KEPT = 20;

    Rates ratesOrNone() {
        return rates == null ? Rates.NONE : rates;
    }

    public long ratingCountOrZero() {
        return ratingCount == null ? 0 : ratingCount;
    }
}
