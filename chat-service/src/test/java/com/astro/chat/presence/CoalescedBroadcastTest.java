package com.astro.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The coalescing rule on a real scheduler, with an interval far longer than the test so that nothing depends on
 * timing: the first change is sent at once, later ones wait in a single pending send.
 */
class CoalescedBroadcastTest {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    private final AtomicInteger sends = new AtomicInteger();

    private CoalescedBroadcast broadcast;

    @BeforeEach
    void start() {
        scheduler.initialize();
        broadcast = new CoalescedBroadcast(sends::incrementAndGet, scheduler, Clock.systemUTC(), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        scheduler.shutdown();
    }

    private int pending() {
        return scheduler.getScheduledThreadPoolExecutor().getQueue().size();
    }

    @Test
    void theFirstChangeAfterAQuietIntervalIsSentAtOnce() {
        broadcast.changed();

        await().until(() -> sends.get() == 1);
        assertThat(pending()).isZero();
    }

    @Test
    void changesWithinTheIntervalWaitTogetherForOneSend() {
        broadcast.changed();
        await().until(() -> sends.get() == 1);

        for (int i = 0; i < 50; i++) {
            broadcast.changed();
        }

        assertThat(pending()).as("one send waiting for the interval's end").isEqualTo(1);
        assertThat(sends.get()).isEqualTo(1);
    }
}
