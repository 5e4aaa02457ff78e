package com.astro.session.wallet;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One credit (positive coins) or debit (negative coins). The id is the idempotency key: {@code credit:<key>} for
 * admin credits, {@code session:<sessionId>} for a session's charge; the unique {@code _id} makes a second write of
 * the same key impossible. {@code applied} turns true once the wallet balance includes it.
 */
@Document("ledger")
public record LedgerEntry(@Id String id, String userId, String kind, long coins, String sessionId,
        String idempotencyKey, Instant createdAt, boolean applied) {

    public static final String CREDIT = "credit";

    public static final String DEBIT = "debit";
}
