package com.astro.common.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetTest {

    @Test
    void aBudgetIsWrittenCapacitySlashPeriod() {
        assertThat(Budget.valueOf("10/1m")).isEqualTo(new Budget(10, Duration.ofMinutes(1)));
        assertThat(Budget.valueOf(" 600 / 30s ")).isEqualTo(new Budget(600, Duration.ofSeconds(30)));
    }

    @Test
    void aBudgetWithoutAPeriodOrWithNothingToSpendIsRefused() {
        assertThatThrownBy(() -> Budget.valueOf("10")).hasMessageContaining("capacity/period");
        assertThatThrownBy(() -> Budget.valueOf("0/1m")).hasMessageContaining("capacity of at least 1");
        assertThatThrownBy(() -> Budget.valueOf("5/0s")).hasMessageContaining("positive period");
    }

    @Test
    void aNewBucketAllowsTheCapacityAtOnceAndThenNothingUntilItRefills() {
        var bucket = Budget.valueOf("3/1h").newBucket();
        assertThat(bucket.tryConsume(1)).isTrue();
        assertThat(bucket.tryConsume(2)).isTrue();
        assertThat(bucket.tryConsume(1)).isFalse();
    }
}
