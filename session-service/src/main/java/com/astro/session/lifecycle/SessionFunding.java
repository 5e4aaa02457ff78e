package com.astro.session.lifecycle;

import java.time.Instant;

import org.springframework.stereotype.Component;

import com.astro.session.billing.Billing;
import com.astro.session.promotion.FirstSessionPromotion;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Mono;

/**
 * What pays for an active session now: the user's current balance (nothing is debited before the session ends, and
 * credits during it extend it) and the session's free minutes. Asking for the free minutes claims the promotion for
 * a user's first accepted session.
 */
@Component
class SessionFunding {

    private final WalletService wallets;

    private final FirstSessionPromotion promotion;

    SessionFunding(WalletService wallets, FirstSessionPromotion promotion) {
        this.wallets = wallets;
        this.promotion = promotion;
    }

    Mono<Funds> of(Session session) {
        return wallets.balance(session.userId())
                .zipWith(promotion.freeMinutes(session.userId(), session.id()), Funds::new);
    }

    /** The user's balance and the session's free minutes. */
    record Funds(long balance, long freeMinutes) {

        /** When the first minute these funds cannot pay for starts. */
        Instant exhaustionAt(Session session) {
            return Billing.exhaustionAt(session.acceptedAt(), balance, session.ratePerMinute(), freeMinutes);
        }
    }
}
