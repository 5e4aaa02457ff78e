package com.astro.chat.message;

import java.util.Map;
import java.util.TreeMap;

/**
 * One socket's place in one session's message stream. {@code cursor} is the last sequence number the socket
 * has been given; messages are handed over strictly as cursor + 1, cursor + 2, ... whatever order they arrive
 * in: earlier ones are dropped (already given, or from before the join), later ones wait in {@code pending}
 * until the gap is filled, from Kafka or from the store. Catch-up after a reconnect is the same mechanism: a
 * join with {@code afterSeq} starts with the cursor there, and the gap up to the newest message is filled from
 * the store while live messages wait, so replay and live meet without gap or duplicate.
 * All methods are synchronized: the Kafka consumer thread and store reads call in concurrently.
 */
final class Subscription {

    private final String sessionId;

    private final Recipient recipient;

    private final TreeMap<Long, MessageView> pending = new TreeMap<>();

    /** -1 until the starting point is known; live messages wait meanwhile. */
    private long cursor = -1;

    private boolean filling;

    private boolean closed;

    Subscription(String sessionId, Recipient recipient) {
        this.sessionId = sessionId;
        this.recipient = recipient;
    }

    String sessionId() {
        return sessionId;
    }

    synchronized long cursor() {
        return cursor;
    }

    /** Sets the starting point; returns whether a gap remains to fill from the store. */
    synchronized boolean start(long startCursor) {
        cursor = startCursor;
        return drain();
    }

    /** Offers a message; returns true when a gap opened that nobody is filling yet (the caller fills it). */
    synchronized boolean offer(MessageView message) {
        if (closed || (cursor >= 0 && message.seq() <= cursor)) {
            return false;
        }
        pending.putIfAbsent(message.seq(), message);
        return drain();
    }

    /** Marks a fill as running; false if one already is or the subscription is closed. */
    synchronized boolean beginFill() {
        if (filling || closed || cursor < 0) {
            return false;
        }
        filling = true;
        return true;
    }

    /** Ends a fill; returns whether a gap still remains. */
    synchronized boolean endFill() {
        filling = false;
        return !closed && hasGap();
    }

    synchronized void close() {
        closed = true;
        pending.clear();
    }

    synchronized boolean closed() {
        return closed;
    }

    private boolean drain() {
        if (closed || cursor < 0) {
            return false;
        }
        while (!pending.isEmpty()) {
            Map.Entry<Long, MessageView> first = pending.firstEntry();
            if (first.getKey() <= cursor) {
                pending.pollFirstEntry();
            }
            else if (first.getKey() == cursor + 1) {
                pending.pollFirstEntry();
                cursor = first.getKey();
                recipient.receive(first.getValue());
            }
            else {
                break;
            }
        }
        return hasGap() && !filling;
    }

    private boolean hasGap() {
        return !pending.isEmpty();
    }
}
