package com.astro.session.wallet;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.astro.common.security.CurrentUser;
import com.astro.session.config.SessionProperties;
import com.astro.session.web.JsonFields;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The caller's own wallet, and credits by admins. */
@RestController
public class WalletController {

    static final int RECENT_ENTRIES = 20;

    private final WalletService wallets;

    private final SessionProperties properties;

    public WalletController(WalletService wallets, SessionProperties properties) {
        this.wallets = wallets;
        this.properties = properties;
    }

    @GetMapping("/api/wallet")
    public Mono<WalletView> own(@AuthenticationPrincipal CurrentUser caller) {
        return view(caller.id());
    }

    @PostMapping("/api/wallets/{userId}/credit")
    public Mono<CreditResult> credit(@AuthenticationPrincipal CurrentUser caller, @PathVariable String userId,
            @RequestBody JsonNode body) {
        return Mono.defer(() -> {
            if (!caller.isAdmin()) {
                return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an admin may credit a wallet"));
            }
            String target = JsonFields.id(userId, "userId");
            JsonNode object = JsonFields.object(body, "{\"coins\": 100, \"idempotencyKey\": \"grant-42\"}");
            long coins = JsonFields.requiredLong(object, "coins", 1, properties.maxCreditCoins());
            String key = JsonFields.id(JsonFields.requiredString(object, "idempotencyKey"), "idempotencyKey");
            return wallets.credit(target, coins, key)
                    .flatMap(entry -> wallets.balance(target)
                            .map(balance -> new CreditResult(target, entry.coins(), key, balance)));
        });
    }

    private Mono<WalletView> view(String userId) {
        return wallets.balance(userId)
                .zipWith(wallets.recentEntries(userId, RECENT_ENTRIES).map(WalletView.Entry::of).collectList())
                .map(pair -> new WalletView(userId, pair.getT1(), pair.getT2()));
    }

    /** The answer to a credit: the balance after it (and after anything else applied meanwhile). */
    public record CreditResult(String userId, long coins, String idempotencyKey, long balance) {
    }

    /** A wallet as its owner sees it: the balance and the latest entries, newest first. */
    public record WalletView(String userId, long balance, List<Entry> entries) {

        public record Entry(String id, String kind, long coins, String sessionId, String idempotencyKey,
                java.time.Instant createdAt) {

            static Entry of(LedgerEntry entry) {
                return new Entry(entry.id(), entry.kind(), entry.coins(), entry.sessionId(), entry.idempotencyKey(),
                        entry.createdAt());
            }
        }
    }
}
