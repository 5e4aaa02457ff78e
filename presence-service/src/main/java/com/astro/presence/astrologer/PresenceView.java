package com.astro.presence.astrologer;

import java.time.Instant;

import com.astro.common.event.Rates;
import com.astro.common.security.CurrentUser;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An astrologer's presence as the API shows it. {@code currentSessionId} is shown only to admins and to
 * the astrologer themselves: other callers learn that the astrologer is busy, not with which session.
 * {@code ratingCount} and {@code ratingAverage} (null while unrated) are the users' ratings of their sessions.
 */
public record PresenceView(
        String id,
        String displayName,
        boolean online,
        boolean busy,
        Rates rates,
        Instant lastSeen,
        @JsonInclude(JsonInclude.Include.NON_NULL) String currentSessionId,
        long version,
        long ratingCount,
        Double ratingAverage) {

    static PresenceView of(AstrologerPresence presence, CurrentUser viewer) {
        boolean mayKnowSession = viewer.isAdmin() || viewer.id().equals(presence.id());
        return new PresenceView(presence.id(), presence.displayName(), presence.online(), presence.busy(),
                presence.ratesOrNone(), presence.lastSeen(), mayKnowSession ? presence.currentSessionId() : null,
                presence.version(), presence.ratingCountOrZero(), presence.ratingAverage());
    }
}
