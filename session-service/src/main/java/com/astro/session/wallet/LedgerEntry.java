package com.astro.session.wallet;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One credit (positive coins) or debit (negative coins). The id is the idempotency key: {@code credit:<key>} for
 * admin credits, {@code session:<sessionId>} for a session's charge, {@code promotion:<sessionId>} for the minutes
 * the first-session promotion paid (0 coins: the line shows {@code freeMinutes} and {@code coinsWaived}); the unique
 * {@code _id} makes a second write of the same key impossible. {@code applied} turns true once the wallet balance
 * includes it.
 */
@Document("ledger")
public record LedgerEntry(@Id String id, String userId, String kind, long coins, String sessionId,
        String idempotencyKey, Instant createdAt, boolean applied, Long freeMinutes, Long coinsWaived) {

    static final String CREDIT = "credit";

    static final String DEBIT = "debit";

    static final String PROMOTION = "promotion";

    public static String sessionChargeId(String sessionId) {
        return "session:" + sessionId;
    }

    public static String promotionId(String sessionId) {
        return "promotion:" + sessionId;
    }

    LedgerEntry asApplied() {
        return new LedgerEntry(id, userId, kind, coins, sessionId, idempotencyKey, createdAt, true, freeMinutes,
                coinsWaived);
    }
}
