package com.astro.session.lifecycle;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.kafka.EventPublisher;
import com.astro.session.billing.Billing;
import com.astro.session.config.SessionProperties;

import reactor.core.publisher.Mono;

/**
 * Warns when an active session's balance covers at most {@code astro.session.low-balance-minutes} more minutes:
 * {@code session-balance-ran-low}, which chat-service turns into {@code session:low-balance} on the participants'
 * sockets. The billing service computes it because only it knows balance, rate and free minutes together. One warning
 * per exhaustion point: the point is stored with the warning by a conditional update (one sweeper wins), and a credit
 * that moves it while it stays near is warned about again. A warning lost to a crash between storing and publishing
 * is not repeated; it is advice, and the session's end still comes on time.
 */
@Component
class LowBalanceWarnings {

    private final SessionStore store;

    private final EventPublisher publisher;

    private final SessionProperties properties;

    LowBalanceWarnings(SessionStore store, EventPublisher publisher, SessionProperties properties) {
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
    }

    /** Warns about the active session if its balance runs low and this exhaustion point was not announced yet. */
    Mono<Void> check(Session session, SessionFunding.Funds funds, Instant now) {
        Instant runsOutAt = funds.exhaustionAt(session);
        long minutesLeft = Billing.minutesLeft(runsOutAt, now);
        if (minutesLeft > properties.lowBalanceMinutes() || runsOutAt.equals(session.lowBalanceRunsOutAt())) {
            return Mono.empty();
        }
        SessionBalanceRanLow event = SessionBalanceRanLow.of(now, session.id(), session.userId(),
                session.astrologerId(), session.ratePerMinute(), funds.balance(), minutesLeft, runsOutAt);
        return store.warnLowBalance(session.id(), runsOutAt, event.eventId())
                .flatMap(warned -> publisher.publish(event)).then();
    }

    /** From when on the session could need a warning: a minute before its balance covers only the warned minutes. */
    Instant couldRunLowFrom(Instant runsOutAt) {
        return runsOutAt.minus(Duration.ofMinutes(properties.lowBalanceMinutes() + 1));
    }
}
