package com.astro.session.wallet;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user's balance, changed only by applying ledger entries. {@code appliedKeys} holds the keys of the latest
 * entries applied; the conditional {@code $inc} refuses a key already there, so an entry is applied once even when
 * the step is retried after a crash.
 */
@Document("wallets")
record Wallet(@Id String userId, long balance, List<String> appliedKeys) {
}
