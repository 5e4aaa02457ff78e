package com.astro.chat.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The chat domain's meters, served at {@code /actuator/prometheus}. They sit on the message hot path, so every
 * meter is registered once and updating one is a few atomic operations: no lookup by name, and no tag whose
 * values grow with users or sessions (refusals are tagged by their fixed code, broadcasts by their kind).
 */
@Component
public class ChatMetrics {

    /** Buckets rather than a full percentile histogram: a dozen series per instance answer "how many within X". */
    private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10) };

    private final MeterRegistry registry;

    private final Clock clock;

    private final AtomicInteger sockets = new AtomicInteger();

    private final Counter stored;

    private final Counter delivered;

    private final Timer latency;

    private final Counter listBroadcasts;

    private final Counter deltaBroadcasts;

    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    private final Map<String, Counter> closed = new ConcurrentHashMap<>();

    private final Counter fanOutRead;

    private final Counter fanOutDeliveredHere;

    private final Counter fanOutNoRoom;

    ChatMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("chat.sockets.connected", sockets, AtomicInteger::get)
                .description("Socket.IO connections open on this instance").register(registry);
        this.stored = Counter.builder("chat.messages.stored")
                .description("Messages stored (a repeated clientMessageId is not counted again)").register(registry);
        this.delivered = Counter.builder("chat.messages.delivered")
                .description("Messages handed to a socket (one per receiving socket)").register(registry);
        this.latency = Timer.builder("chat.delivery.latency")
                .description("From a message being stored to its delivery to a receiving socket")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        this.listBroadcasts = broadcasts("list");
        this.deltaBroadcasts = broadcasts("delta");
        this.fanOutRead = fanOutMessages("read");
        this.fanOutDeliveredHere = fanOutMessages("delivered_here");
        this.fanOutNoRoom = fanOutMessages("no_room");
    }

    private Counter fanOutMessages(String outcome) {
        return Counter.builder("chat.fanout.messages").tag("outcome", outcome)
                .description("message-sent records this instance's fan-out consumer took: read for a room here, or "
                        + "passed over unread, as stored and delivered here or for want of a room here")
                .register(registry);
    }

    private Counter broadcasts(String kind) {
        return Counter.builder("chat.presence.broadcasts").tag("kind", kind)
                .description("Presence broadcasts to this instance's sockets: whole online lists, or one change")
                .register(registry);
    }

    public void socketOpened() {
        sockets.incrementAndGet();
    }

    /** A socket closed, by the Socket.IO reason the server gave (a fixed set: see {@code Socket#onDisconnect}). */
    public void socketClosed(String reason) {
        sockets.decrementAndGet();
        closed.computeIfAbsent(reason, why -> Counter.builder("chat.sockets.closed").tag("reason", why)
                .description("Socket.IO connections closed on this instance, by reason").register(registry)).increment();
    }

    public void messageStored() {
        stored.increment();
    }

    /** A message given to one socket; its latency counts from the store's {@code sentAt}. */
    public void messageDelivered(Instant sentAt) {
        delivered.increment();
        Duration age = Duration.between(sentAt, clock.instant());
        // instances' clocks may differ by a little: a message from the future was delivered at once
        latency.record(age.isNegative() ? Duration.ZERO : age);
    }

    /** A {@code message:send} refused, by its refusal code (a fixed set). */
    public void messageRefused(String code) {
        refused.computeIfAbsent(code, reason -> Counter.builder("chat.messages.refused").tag("reason", reason)
                .description("message:send requests refused, by refusal code").register(registry)).increment();
    }

    /** A {@code message-sent} record read and given to the session's room here. */
    public void fanOutRead() {
        fanOutRead.increment();
    }

    /** A {@code message-sent} record passed over: this instance stored the message and delivered it then. */
    public void fanOutDeliveredHere() {
        fanOutDeliveredHere.increment();
    }

    /** A {@code message-sent} record passed over: its session has no room on this instance. */
    public void fanOutNoRoom() {
        fanOutNoRoom.increment();
    }

    public void onlineListBroadcast() {
        listBroadcasts.increment();
    }

    public void presenceChangeBroadcast() {
        deltaBroadcasts.increment();
    }
}
