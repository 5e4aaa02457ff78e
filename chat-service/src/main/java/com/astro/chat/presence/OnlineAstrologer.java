package com.astro.chat.presence;

import java.time.Instant;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;

/** One entry of {@code presence:online-list}: an online astrologer, whether busy in a session, and their rates. */
public record OnlineAstrologer(String id, String displayName, boolean busy, Rates rates, Instant lastSeen,
        long version) {

    static OnlineAstrologer of(PresenceChanged event) {
        return new OnlineAstrologer(event.astrologerId(), event.displayName(), event.busy(),
                event.rates() == null ? Rates.NONE : event.rates(), event.lastSeen(), event.version());
    }
}
