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
 *
 * <p>A session may have {@code free} minutes (the first-session promotion): its first {@code free} billed minutes
 * cost nothing, and they count as affordable whatever the balance. A session whose astrologer left is billed the
 * whole minutes before they left: the minute in progress is not charged.
 */
public final class Billing {

    static final Duration MINUTE = Duration.ofMinutes(1);

    private Billing() {
    }

    /** Started minutes of {@code active} time, at least one. */
    static long billedMinutes(Duration active) {
        long millis = Math.max(0, active.toMillis());
        long minutes = millis / MINUTE.toMillis() + (millis % MINUTE.toMillis() == 0 ? 0 : 1);
        return Math.max(1, minutes);
    }

    /** Whole minutes {@code balance} pays for at {@code rate}. */
    static long affordableMinutes(long balance, long rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        return balance <= 0 ? 0 : balance / rate;
    }

    /** When the first minute the balance cannot pay for would start. */
    static Instant exhaustionAt(Instant acceptedAt, long balance, long rate) {
        return exhaustionAt(acceptedAt, balance, rate, 0);
    }

    /** When the first minute neither the free minutes nor the balance pay for would start. */
    public static Instant exhaustionAt(Instant acceptedAt, long balance, long rate, long free) {
        long minutes = affordableMinutes(balance, rate) + free;
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
        return bill(acceptedAt, now, rate, balance, 0);
    }

    /** As {@link #bill(Instant, Instant, long, long)}, the first {@code free} minutes costing nothing. */
    public static Bill bill(Instant acceptedAt, Instant now, long rate, long balance, long free) {
        Bill exhausted = exhausted(acceptedAt, now, rate, balance, free);
        if (exhausted != null) {
            return exhausted;
        }
        Instant endedAt = now.isBefore(acceptedAt) ? acceptedAt : now;
        long minutes = billedMinutes(Duration.between(acceptedAt, endedAt));
        return priced(EndReason.COMPLETED, endedAt, minutes, rate, free);
    }

    /**
     * The bill of a session whose astrologer's last connection went away at {@code leftAt}: it ends then, billed
     * the whole minutes before it (possibly none). If the balance ran out before they left, it ended at that
     * point as usual.
     */
    public static Bill astrologerLeft(Instant acceptedAt, Instant leftAt, long rate, long balance, long free) {
        Bill exhausted = exhausted(acceptedAt, leftAt, rate, balance, free);
        if (exhausted != null) {
            return exhausted;
        }
        Instant endedAt = leftAt.isBefore(acceptedAt) ? acceptedAt : leftAt;
        long minutes = Duration.between(acceptedAt, endedAt).toMillis() / MINUTE.toMillis();
        return priced(EndReason.ASTROLOGER_LEFT, endedAt, minutes, rate, free);
    }

    /** The exhaustion bill when {@code at} is at or past the exhaustion point, else null. */
    private static Bill exhausted(Instant acceptedAt, Instant at, long rate, long balance, long free) {
        Instant exhaustion = exhaustionAt(acceptedAt, balance, rate, free);
        if (at.isBefore(exhaustion)) {
            return null;
        }
        return priced(EndReason.BALANCE_EXHAUSTED, exhaustion, affordableMinutes(balance, rate) + free, rate, free);
    }

    private static Bill priced(EndReason reason, Instant endedAt, long minutes, long rate, long free) {
        long freeUsed = Math.min(free, minutes);
        return new Bill(reason, endedAt, minutes, freeUsed, cost(minutes - freeUsed, rate));
    }

    /** Whole minutes that can still start after the one in progress at {@code now}, before the exhaustion point. */
    public static long minutesLeft(Instant exhaustion, Instant now) {
        if (exhaustion.equals(Instant.MAX)) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, Duration.between(now, exhaustion).toMillis() / MINUTE.toMillis());
    }

    /**
     * What ending costs: the reason, the end time billed up to, the minutes billed, how many of them were free and
     * the coins charged ({@code (minutes - freeMinutes) × rate}).
     */
    public record Bill(EndReason reason, Instant endedAt, long minutes, long freeMinutes, long coins) {
    }
}
