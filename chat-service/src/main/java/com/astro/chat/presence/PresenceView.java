package com.astro.chat.presence;

import java.time.Instant;
import java.util.Objects;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;

/**
 * One astrologer's presence as clients see it: the payload of {@code presence:changed}, with the users' rating
 * count and average (null while unrated) as presence-service keeps them.
 */
record PresenceView(String id, String displayName, boolean online, boolean busy, Rates rates,
        Instant lastSeen, long version, long ratingCount, Double ratingAverage) {

    static PresenceView of(PresenceChanged event) {
        return new PresenceView(event.astrologerId(), event.displayName(), event.online(), event.busy(),
                event.rates() == null ? Rates.NONE : event.rates(), event.lastSeen(), event.version(),
                event.ratingCount(), event.ratingAverage());
    }

    /**
     * Whether a client would show something different: name, online, busy, rates or rating. A new {@code version} or
     * {@code lastSeen} alone is not a change (presence-service bumps them without anything visible changing).
     */
    boolean looksLike(PresenceView other) {
        return other != null && online == other.online && busy == other.busy
                && Objects.equals(displayName, other.displayName) && Objects.equals(rates, other.rates)
                && ratingCount == other.ratingCount && Objects.equals(ratingAverage, other.ratingAverage);
    }

    /**
     * Whether clients see a difference between {@code before} (null: never heard of) and this: only online
     * astrologers are shown, so anything about one that stays offline is invisible.
     */
    boolean visiblyChangedFrom(PresenceView before) {
        boolean wasOnline = before != null && before.online;
        return (wasOnline || online) && !looksLike(before);
    }
}
