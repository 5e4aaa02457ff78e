package com.astro.session.lifecycle;

import java.time.Instant;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionType;

/** A session as its participants see it; {@code freeMinutes}: of the billed minutes, those the promotion paid. */
record SessionView(
        String id,
        String userId,
        String astrologerId,
        SessionType sessionType,
        long ratePerMinute,
        SessionStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        String acceptedBy,
        String channelName,
        Instant endedAt,
        EndReason endReason,
        String endedBy,
        Long billedMinutes,
        Long coinsCharged,
        Long freeMinutes) {

    static SessionView of(Session s) {
        return new SessionView(s.id(), s.userId(), s.astrologerId(), s.sessionType(), s.ratePerMinute(), s.status(),
                s.createdAt(), s.expiresAt(), s.acceptedAt(), s.acceptedBy(), s.channelName(), s.endedAt(),
                s.endReason(), s.endedBy(), s.billedMinutes(), s.coinsCharged(), s.freeMinutes());
    }
}
