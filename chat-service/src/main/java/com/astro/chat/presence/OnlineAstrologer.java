package com.astro.chat.presence;

import java.time.Instant;

import com.astro.common.event.Rates;

/**
 * One entry of {@code presence:online-list}: an online astrologer, whether busy in a session, their rates, and the
 * users' rating count and average (null while unrated).
 */
record OnlineAstrologer(String id, String displayName, boolean busy, Rates rates, Instant lastSeen,
        long version, long ratingCount, Double ratingAverage) {

    static OnlineAstrologer of(PresenceView view) {
        return new OnlineAstrologer(view.id(), view.displayName(), view.busy(), view.rates(), view.lastSeen(),
                view.version(), view.ratingCount(), view.ratingAverage());
    }
}
