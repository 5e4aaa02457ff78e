package com.astro.session.wallet;

import java.time.Instant;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.astro.common.web.JsonFields;
import com.astro.common.web.Problems;
import com.astro.common.apidocs.ApiDocs;
import com.astro.common.security.CurrentUser;
import com.astro.session.config.SessionProperties;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The caller's own wallet, and credits by admins. */
@RestController
@Tag(name = "wallet", description = "Coin balances and their ledger")
class WalletController {

    static final int RECENT_ENTRIES = 20;

    private final WalletService wallets;

    private final SessionProperties properties;

    WalletController(WalletService wallets, SessionProperties properties) {
        this.wallets = wallets;
        this.properties = properties;
    }

    @GetMapping("/api/wallet")
    @Operation(summary = "The caller's own wallet", description = "The balance and the latest "
            + RECENT_ENTRIES + " ledger entries, newest first.")
    @ApiResponse(responseCode = "200", description = "The caller's wallet", content = @Content(
            schema = @Schema(implementation = WalletView.class), examples = @ExampleObject("""
                    {"userId": "user_1", "balance": 480, "entries": [
                     {"id": "session:65f1c0de9a1b2c3d4e5f6a7b", "kind": "debit", "coins": -20,
                      "sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "idempotencyKey": null,
                      "createdAt": "2026-01-05T10:17:42Z", "freeMinutes": null, "coinsWaived": null},
                     {"id": "promotion:65f1c0de9a1b2c3d4e5f6a7b", "kind": "promotion", "coins": 0,
                      "sessionId": "65f1c0de9a1b2c3d4e5f6a7b", "idempotencyKey": null,
                      "createdAt": "2026-01-05T10:17:42Z", "freeMinutes": 2, "coinsWaived": 20},
                     {"id": "credit:welcome-user_1", "kind": "credit", "coins": 500, "sessionId": null,
                      "idempotencyKey": "welcome-user_1", "createdAt": "2026-01-05T09:00:00Z",
                      "freeMinutes": null, "coinsWaived": null}]}""")))
    public Mono<WalletView> own(@AuthenticationPrincipal CurrentUser caller) {
        return view(caller.id());
    }

    @PostMapping("/api/wallets/{userId}/credit")
    @Operation(summary = "An admin credits coins to a wallet", description = "Admins only. A retry with the same "
            + "idempotencyKey and coins changes nothing; the same key with other coins is a 409.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schemaProperties = {
                    @SchemaProperty(name = "coins", schema = @Schema(type = "integer", minimum = "1")),
                    @SchemaProperty(name = "idempotencyKey", schema = @Schema(type = "string", maxLength = 128)) },
            examples = @ExampleObject("{\"coins\": 500, \"idempotencyKey\": \"welcome-user_1\"}")))
    @ApiResponse(responseCode = "200", description = "The credit and the balance after it", content = @Content(
            schema = @Schema(implementation = CreditResult.class), examples = @ExampleObject(
                    "{\"userId\": \"user_1\", \"coins\": 500, \"idempotencyKey\": \"welcome-user_1\", "
                            + "\"balance\": 500}")))
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    public Mono<CreditResult> credit(@AuthenticationPrincipal CurrentUser caller,
            @Parameter(example = "user_1") @PathVariable String userId,
            @RequestBody JsonNode body) {
        return Mono.defer(() -> {
            if (!caller.isAdmin()) {
                return Mono.error(Problems.forbidden("Only an admin may credit a wallet"));
            }
            String target = JsonFields.id(userId, "userId");
            CreditCommand command = CreditCommand.fromBody(body, properties.maxCreditCoins());
            return wallets.credit(target, command.coins(), command.idempotencyKey())
                    .flatMap(entry -> wallets.balance(target).map(balance -> new CreditResult(target, entry.coins(),
                            command.idempotencyKey(), balance)));
        });
    }

    private Mono<WalletView> view(String userId) {
        return wallets.balance(userId)
                .zipWith(wallets.recentEntries(userId, RECENT_ENTRIES).map(WalletView.Entry::of).collectList())
                .map(pair -> new WalletView(userId, pair.getT1(), pair.getT2()));
    }

    /** The answer to a credit: the balance after it (and after anything else applied meanwhile). */
    record CreditResult(String userId, long coins, String idempotencyKey, long balance) {
    }

    /** A wallet as its owner sees it: the balance and the latest entries, newest first. */
    record WalletView(String userId, long balance, List<Entry> entries) {

        /** {@code freeMinutes} and {@code coinsWaived} are set on the promotion's line only. */
        record Entry(String id, String kind, long coins, String sessionId, String idempotencyKey,
                Instant createdAt, Long freeMinutes, Long coinsWaived) {

            static Entry of(LedgerEntry entry) {
                return new Entry(entry.id(), entry.kind(), entry.coins(), entry.sessionId(), entry.idempotencyKey(),
                        entry.createdAt(), entry.freeMinutes(), entry.coinsWaived());
            }
        }
    }
}
