package com.astro.session.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.astro.common.event.EndReason;
import com.astro.session.billing.Billing.Bill;

class BillingTest {

    static final Instant ACCEPTED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void anEndRightAtAcceptanceIsBilledTheMinimumMinute() {
        assertThat(Billing.billedMinutes(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void startedMinutesAreRoundedUp() {
        assertThat(Billing.billedMinutes(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(Billing.billedMinutes(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(Billing.billedMinutes(Duration.ofMillis(60_001))).isEqualTo(2);
        assertThat(Billing.billedMinutes(Duration.ofSeconds(150))).isEqualTo(3);
    }

    @Test
    void affordableMinutesAreWholeMinutesOfTheBalance() {
        assertThat(Billing.affordableMinutes(29, 10)).isEqualTo(2);
        assertThat(Billing.affordableMinutes(30, 10)).isEqualTo(3);
        assertThat(Billing.affordableMinutes(0, 10)).isZero();
        assertThat(Billing.affordableMinutes(-5, 10)).isZero();
    }

    @Test
    void theBalanceRunsOutWhenTheFirstUnaffordableMinuteStarts() {
        assertThat(Billing.exhaustionAt(ACCEPTED, 25, 10)).isEqualTo(ACCEPTED.plus(Duration.ofMinutes(2)));
    }

    @Test
    void endingBeforeExhaustionCompletesAndBillsStartedMinutes() {
        Bill bill = Billing.bill(ACCEPTED, ACCEPTED.plusSeconds(61), 10, 100);
        assertThat(bill).isEqualTo(new Bill(EndReason.COMPLETED, ACCEPTED.plusSeconds(61), 2, 0, 20));
    }

    @Test
    void endingAfterExhaustionBillsOnlyTheAffordableMinutesAtTheExhaustionPoint() {
        Bill bill = Billing.bill(ACCEPTED, ACCEPTED.plus(Duration.ofMinutes(10)), 10, 35);
        assertThat(bill).isEqualTo(new Bill(EndReason.BALANCE_EXHAUSTED, ACCEPTED.plus(Duration.ofMinutes(3)), 3, 0, 30));
    }

    @Test
    void endingExactlyAtTheExhaustionPointIsExhaustion() {
        Bill bill = Billing.bill(ACCEPTED, ACCEPTED.plus(Duration.ofMinutes(2)), 10, 20);
        assertThat(bill.reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
        assertThat(bill.coins()).isEqualTo(20);
    }

    @Test
    void theChargeNeverExceedsTheBalance() {
        for (long balance = 0; balance < 200; balance += 7) {
            for (long seconds = 0; seconds < 1500; seconds += 13) {
                Bill bill = Billing.bill(ACCEPTED, ACCEPTED.plusSeconds(seconds), 12, balance);
                assertThat(bill.coins()).isLessThanOrEqualTo(balance);
                assertThat(bill.coins()).isEqualTo(bill.minutes() * 12);
            }
        }
    }

    @Test
    void anOverflowingCostIsAnErrorNotAWrappedNumber() {
        assertThatThrownBy(() -> Billing.cost(Long.MAX_VALUE / 2, 3)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void freeMinutesAreBilledButCostNothing() {
        Bill bill = Billing.bill(ACCEPTED, ACCEPTED.plusSeconds(150), 10, 100, 2);

        assertThat(bill).isEqualTo(new Bill(EndReason.COMPLETED, ACCEPTED.plusSeconds(150), 3, 2, 10));
    }

    @Test
    void aSessionShorterThanItsFreeMinutesCostsNothing() {
        assertThat(Billing.bill(ACCEPTED, ACCEPTED.plusSeconds(30), 10, 100, 2).coins()).isZero();
        assertThat(Billing.bill(ACCEPTED, ACCEPTED.plusSeconds(30), 10, 100, 2).freeMinutes()).isEqualTo(1);
    }

    @Test
    void freeMinutesPushTheExhaustionPointBackWhateverTheBalance() {
        assertThat(Billing.exhaustionAt(ACCEPTED, 25, 10, 2)).isEqualTo(ACCEPTED.plus(Duration.ofMinutes(4)));
        assertThat(Billing.exhaustionAt(ACCEPTED, 0, 10, 2)).isEqualTo(ACCEPTED.plus(Duration.ofMinutes(2)));

        Bill exhausted = Billing.bill(ACCEPTED, ACCEPTED.plus(Duration.ofMinutes(9)), 10, 25, 2);
        assertThat(exhausted).isEqualTo(
                new Bill(EndReason.BALANCE_EXHAUSTED, ACCEPTED.plus(Duration.ofMinutes(4)), 4, 2, 20));
    }

    @Test
    void whenTheAstrologerLeavesTheMinuteInProgressIsNotCharged() {
        Bill bill = Billing.astrologerLeft(ACCEPTED, ACCEPTED.plusSeconds(150), 10, 100, 0);

        assertThat(bill).isEqualTo(new Bill(EndReason.ASTROLOGER_LEFT, ACCEPTED.plusSeconds(150), 2, 0, 20));
    }

    @Test
    void anAstrologerLeavingWithinTheFirstMinuteCostsNothing() {
        Bill bill = Billing.astrologerLeft(ACCEPTED, ACCEPTED.plusSeconds(59), 10, 100, 0);

        assertThat(bill).isEqualTo(new Bill(EndReason.ASTROLOGER_LEFT, ACCEPTED.plusSeconds(59), 0, 0, 0));
    }

    @Test
    void aBalanceThatRanOutBeforeTheAstrologerLeftEndedTheSessionFirst() {
        Bill bill = Billing.astrologerLeft(ACCEPTED, ACCEPTED.plus(Duration.ofMinutes(5)), 10, 25, 0);

        assertThat(bill).isEqualTo(
                new Bill(EndReason.BALANCE_EXHAUSTED, ACCEPTED.plus(Duration.ofMinutes(2)), 2, 0, 20));
    }

    @Test
    void minutesLeftCountWholeMinutesAfterTheOneInProgress() {
        Instant exhaustion = ACCEPTED.plus(Duration.ofMinutes(5));

        assertThat(Billing.minutesLeft(exhaustion, ACCEPTED.plusSeconds(150))).isEqualTo(2);
        assertThat(Billing.minutesLeft(exhaustion, ACCEPTED.plusSeconds(180))).isEqualTo(2);
        assertThat(Billing.minutesLeft(exhaustion, ACCEPTED.plusSeconds(181))).isEqualTo(1);
        assertThat(Billing.minutesLeft(exhaustion, exhaustion)).isZero();
    }
}
