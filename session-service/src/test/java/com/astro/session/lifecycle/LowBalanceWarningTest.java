package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The sweeper announces {@code session-balance-ran-low} when an active session's balance covers at most
 * {@code low-balance-minutes} (2) more minutes: once per point at which the balance runs out, again when a credit moves
 * that point and it is still near.
 */
class LowBalanceWarningTest extends SessionTestSupport {

    @Autowired
    SessionSweeper sweeper;

    @Autowired
    SessionStore store;

    private Instant acceptedAt(String id) {
        return store.find(id).block().acceptedAt();
    }

    private static List<SessionBalanceRanLow> warnings(String id) {
        return events(Topics.SESSION_BALANCE_RAN_LOW, id, SessionBalanceRanLow.class);
    }

    private void sweepAt(Instant at) {
        CLOCK.set(at);
        sweeper.sweep().block();
    }

    /** 50 coins at 10 a minute run out after 5 minutes: at 2.5 minutes 2 more can start, which is warned. */
    private Instant warnedAt150Seconds(String id) {
        Instant acceptedAt = acceptedAt(id);
        sweepAt(acceptedAt.plusSeconds(150));
        assertThat(warnings(id)).hasSize(1);
        return acceptedAt;
    }

    @Test
    void noWarningWhileTheBalanceCoversMoreThanTwoFurtherMinutes() {
        String id = activeChatSession(fresh("user"), fresh("astro"), 10, 50);

        sweepAt(acceptedAt(id).plusSeconds(119));

        assertThat(warnings(id)).isEmpty();
    }

    @Test
    void aBalanceLowFromTheStartIsWarnedAboutAtTheFirstSweepAfterTheAcceptance() {
        String id = activeChatSession(fresh("user"), fresh("astro"), 10, 20);

        sweeper.exhaust().block();

        assertThat(warnings(id)).singleElement()
                .satisfies(warning -> assertThat(warning.minutesLeft()).isEqualTo(2));
    }

    @Test
    void theUserIsWarnedOnceWhenTheBalanceCoversTwoMoreMinutes() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 50);
        Instant acceptedAt = acceptedAt(id);
        CLOCK.set(acceptedAt.plusSeconds(150));

        // two instances sweeping at once
        Mono.zip(sweeper.exhaust().subscribeOn(Schedulers.parallel()),
                sweeper.exhaust().subscribeOn(Schedulers.parallel())).block();
        sweepAt(acceptedAt.plusSeconds(170));

        assertThat(warnings(id)).singleElement().satisfies(warning -> {
            assertThat(warning.userId()).isEqualTo(user);
            assertThat(warning.astrologerId()).isEqualTo(astro);
            assertThat(warning.minutesLeft()).isEqualTo(2);
            assertThat(warning.balance()).isEqualTo(50);
            assertThat(warning.ratePerMinute()).isEqualTo(10);
            assertThat(warning.runsOutAt()).isEqualTo(acceptedAt.plus(Duration.ofMinutes(5)));
        });
        assertThat(store.find(id).block().lowBalanceEventIds()).containsExactly(warnings(id).get(0).eventId());
    }

    @Test
    void aTopUpThatMovesTheRunOutPointWarnsAgainWhenItIsNear() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 50);
        Instant acceptedAt = warnedAt150Seconds(id);

        credit(user, 10);
        sweepAt(acceptedAt.plusSeconds(160));
        assertThat(warnings(id)).as("3 minutes left now: not near").hasSize(1);
        sweepAt(acceptedAt.plusSeconds(210));

        assertThat(warnings(id)).hasSize(2);
        assertThat(warnings(id).get(1).runsOutAt()).isEqualTo(acceptedAt.plus(Duration.ofMinutes(6)));
        assertThat(warnings(id).get(1).minutesLeft()).isEqualTo(2);
        assertThat(warnings(id).get(1).balance()).isEqualTo(60);
    }

    @Test
    void aTopUpThatLeavesTheRunOutPointWhereItWasDoesNotWarnAgain() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 50);
        Instant acceptedAt = warnedAt150Seconds(id);

        credit(user, 5);
        sweepAt(acceptedAt.plusSeconds(200));

        assertThat(warnings(id)).hasSize(1);
    }
}
