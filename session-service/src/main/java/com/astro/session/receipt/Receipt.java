package com.astro.session.receipt;

import java.time.Instant;
import java.util.List;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionType;

/**
 * What a session cost, every figure the one its events announced: {@code billedMinutes} of which
 * {@code freeMinutes} were the promotion's (worth {@code coinsWaived}), {@code coinsCharged =
 * (billedMinutes - freeMinutes) × ratePerMinute}, debited by ledger entry {@code ledgerEntryId}.
 */
record Receipt(
        String sessionId,
        String userId,
        String astrologerId,
        SessionType sessionType,
        Instant requestedAt,
        Instant acceptedAt,
        Instant endedAt,
        EndReason reason,
        String endedBy,
        long ratePerMinute,
        long billedMinutes,
        Promotion promotion,
        long coinsCharged,
        String ledgerEntryId,
        Events events) {

    /** The first-session promotion's part: none when {@code freeMinutes} is 0. */
    record Promotion(long freeMinutes, long coinsWaived, String ledgerEntryId) {
    }

    /** The ids of the events that announced each step (null for a step that did not happen). */
    record Events(String requested, String accepted, List<String> lowBalance, String ended) {
    }
}
