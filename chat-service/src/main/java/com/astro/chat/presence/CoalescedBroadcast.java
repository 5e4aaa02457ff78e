package com.astro.chat.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.scheduling.TaskScheduler;

/**
 * Runs {@code send} after {@link #changed()}, at most once per interval: the first change after a quiet interval
 * is sent at once, later ones wait for the interval's end and go out together. {@code send} reads the state when
 * it runs, so the latest state wins, and a change made after a send always schedules another one: the last
 * state is always sent, never left behind by coalescing.
 */
final class CoalescedBroadcast {

    private final Runnable send;

    private final TaskScheduler scheduler;

    private final Clock clock;

    private final Duration interval;

    // guarded by this
    private boolean scheduled;

    private Instant lastSent = Instant.MIN;

    CoalescedBroadcast(Runnable send, TaskScheduler scheduler, Clock clock, Duration interval) {
        this.send = send;
        this.scheduler = scheduler;
        this.clock = clock;
        this.interval = interval;
    }

    synchronized void changed() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        Instant earliest = lastSent == Instant.MIN ? clock.instant() : lastSent.plus(interval);
        scheduler.schedule(this::fire, earliest);
    }

    private void fire() {
        synchronized (this) {
            scheduled = false;
            lastSent = clock.instant();
        }
        // changes from now on schedule the next send; this one carries everything up to its own read
        send.run();
    }
}
