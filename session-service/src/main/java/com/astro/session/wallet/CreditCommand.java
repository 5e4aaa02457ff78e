package com.astro.session.wallet;

import com.astro.common.web.JsonFields;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/wallets/{userId}/credit}: a retry sends the same {@code idempotencyKey}. */
record CreditCommand(long coins, String idempotencyKey) {

    static final String EXAMPLE = "{\"coins\": 100, \"idempotencyKey\": \"grant-42\"}";

    static CreditCommand fromBody(JsonNode body, long maxCoins) {
        JsonNode object = JsonFields.object(body, EXAMPLE);
        long coins = JsonFields.requiredLong(object, "coins", 1, maxCoins);
        String key = JsonFields.id(JsonFields.requiredString(object, "idempotencyKey"), "idempotencyKey");
        return new CreditCommand(coins, key);
    }
}
