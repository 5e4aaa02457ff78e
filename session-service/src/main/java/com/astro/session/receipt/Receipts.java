package com.astro.session.receipt;

import static com.astro.common.web.Problems.conflict;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.astro.common.security.CurrentUser;
import com.astro.session.billing.Billing;
import com.astro.session.lifecycle.Session;
import com.astro.session.lifecycle.SessionService;
import com.astro.session.lifecycle.SessionStatus;
import com.astro.session.wallet.LedgerEntry;
import com.astro.session.wallet.WalletService;

import reactor.core.publisher.Mono;

/**
 * Builds a session's receipt from the session (its bill and event ids) and its ledger lines. Only an ended session
 * that has been announced has one: until {@code session-ended} is acknowledged the receipt could name an event
 * nobody has seen.
 */
@Component
class Receipts {

    private final SessionService sessions;

    private final WalletService wallets;

    Receipts(SessionService sessions, WalletService wallets) {
        this.sessions = sessions;
        this.wallets = wallets;
    }

    /** The receipt, for the session's participants and admins (anyone else: 404, as if it did not exist). */
    Mono<Receipt> of(CurrentUser caller, String sessionId) {
        return sessions.get(caller, sessionId).flatMap(session -> {
            if (session.status() != SessionStatus.ENDED || !session.endedPublished()) {
                return Mono.error(conflict("The session is " + session.status().wireName()
                        + (session.status() == SessionStatus.ENDED ? " but not yet announced" : "")
                        + "; its receipt is ready once it has ended"));
            }
            return entryId(LedgerEntry.sessionChargeId(sessionId)).zipWith(
                    entryId(LedgerEntry.promotionId(sessionId)), (charge, promotion) -> receipt(session,
                            charge.orElse(null), promotion.orElse(null)));
        });
    }

    private Mono<Optional<String>> entryId(String id) {
        return wallets.entry(id).map(entry -> Optional.of(entry.id()))
                .defaultIfEmpty(Optional.empty());
    }

    private static Receipt receipt(Session s, String chargeEntry, String promotionEntry) {
        long free = orZero(s.freeMinutes());
        Receipt.Promotion promotion = free == 0 ? null
                : new Receipt.Promotion(free, Billing.cost(free, s.ratePerMinute()), promotionEntry);
        List<String> warnings = s.lowBalanceEventIds() == null ? List.of() : s.lowBalanceEventIds();
        return new Receipt(s.id(), s.userId(), s.astrologerId(), s.sessionType(), s.createdAt(), s.acceptedAt(),
                s.endedAt(), s.endReason(), s.endedBy(), s.ratePerMinute(), orZero(s.billedMinutes()), promotion,
                orZero(s.coinsCharged()), chargeEntry,
                new Receipt.Events(s.requestedEventId(), s.acceptedEventId(), warnings, s.endedEventId()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
