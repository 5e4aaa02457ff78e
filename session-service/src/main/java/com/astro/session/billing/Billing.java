package com.astro.session.billing;

import java.time.Duration;
import java.time.Instant;

import com.astro.common.event.EndReason;

/**
 * The billing arithmetic, pure so it can be tested alone.
 *
 * <p>Rules: an active session costs {@code rate} coins for every started minute from acceptance, at least one
 * minute. The wallet is debited once, when the session ends. The balance at that time affords
 * {@code floor(balance / rate)} minutes; minute {@code k + 1} starts at {@code acceptedAt + k minutes}, so a session
 * whose balance affords {@code k} minutes ends, with reason balance exhausted, exactly at
 * {@code acceptedAt + k minutes} and is billed {@code k} minutes, whenever the end is noticed. Hence the charge
 * never exceeds the balance, and the balance never goes below zero.
 */
public final class Billing {

    public static final Duration MINUTE = Duration.ofMinutes(1);

    private Billing() {
    }

    /** Started minutes of {@code active} time, at least one. */
    public static long billedMinutes(Duration active) {
        long millis = Math.max(0, active.toMillis());
        long minutes = millis / MINUTE.toMillis() + (millis % MINUTE.toMillis() == 0 ? 0 : 1);
        return Math.max(1, minutes);
    }

    /** Whole minutes {@code balance} pays for at {@code rate}. */
    public static long affordableMinutes(long balance, long rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        return balance <= 0 ? 0 : balance / rate;
    }

    /** When the first minute the balance cannot pay for would start. */
    public static Instant exhaustionAt(Instant acceptedAt, long balance, long rate) {
        long minutes = affordableMinutes(balance, rate);
        // a balance worth more minutes than an Instant can hold never runs out
        if (minutes > Duration.ofDays(365L * 1000).toMinutes()) {
            return Instant.MAX;
        }
        return acceptedAt.plus(MINUTE.multipliedBy(minutes));
    }

    /** Cost of {@code minutes} at {@code rate}; exact or an overflow error, never a wrapped number. */
    public static long cost(long minutes, long rate) {
        return Math.multiplyExact(minutes, rate);
    }

    /**
     * The bill of a session accepted at {@code acceptedAt} that is asked to end at {@code now}, given the
     * {@code balance} now. Before the exhaustion point it completes now, billed the started minutes; at or after
     * it, it ends at the exhaustion point, billed the affordable minutes.
     */
    public static Bill bill(Instant acceptedAt, Instant now, long rate, long balance) {
        Instant exhaustion = exhaustionAt(acceptedAt, balance, rate);
        if (!now.isBefore(exhaustion)) {
            long minutes = affordableMinutes(balance, rate);
            return new Bill(EndReason.BALANCE_EXHAUSTED, exhaustion, minutes, cost(minutes, rate));
        }
        Instant endedAt = now.isBefore(acceptedAt) ? acceptedAt : now;
        long minutes = billedMinutes(Duration.between(acceptedAt, endedAt));
        return new Bill(EndReason.COMPLETED, endedAt, minutes, cost(minutes, rate));
    }

    /** What ending costs: the reason, the end time billed up to, the minutes and the coins. */
    public record Bill(EndReason reason, Instant endedAt, long minutes, long coins) {
    }
}
