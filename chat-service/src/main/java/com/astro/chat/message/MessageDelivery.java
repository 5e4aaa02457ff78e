package com.astro.chat.message;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.astro.chat.ChatRefusal;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers each session's messages to the sockets in its room on this instance, in sequence order: a message stored
 * here at once, one stored elsewhere from {@code message-sent}. Ordering is explicit per socket ({@link Subscription}):
 * Kafka keeps one session's records in order, but two instances can publish seq 6 before seq 5, and a message
 * stored but not published leaves a gap; either way the gap is filled from the store, where a visible seq n
 * implies 1..n-1 are visible too.
 */
@Component
public class MessageDelivery {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private static final int PAGE = 200;

    private static final Duration REFILL_DELAY = Duration.ofMillis(200);

    /** How long a gap opened by a live message may wait for the missing message before the store is read. */
    static final Duration GAP_GRACE = Duration.ofMillis(250);

    private final Map<String, Map<String, Subscription>> rooms = new ConcurrentHashMap<>();

    /**
     * Sessions whose rooms closed here lately. A join that passed the "active" check just before the session
     * ended could otherwise register after the room closed; it checks this after registering (closing marks
     * before removing), so one of the two always sees the other.
     */
    private final Set<String> closed = Collections.synchronizedSet(
            Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));

    private final MessageStore store;

    MessageDelivery(MessageStore store) {
        this.store = store;
    }

    /**
     * Puts the recipient in the session's room. Without {@code afterSeq} it receives messages stored from now on;
     * with it, first every stored message after {@code afterSeq}, in order, then live ones. Completes with the
     * number of messages replayed once the replay is done. Joining again replaces the earlier subscription.
     */
    public Mono<Integer> join(String sessionId, Recipient recipient, Long afterSeq) {
        Subscription subscription = new Subscription(sessionId, recipient);
        Subscription replaced = rooms.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>())
                .put(recipient.id(), subscription);
        if (replaced != null) {
            replaced.close();
        }
        if (closed.contains(sessionId)) {
            leave(sessionId, recipient.id());
            return Mono.error(new ChatRefusal(ChatRefusal.SESSION_NOT_ACTIVE,
                    "Session " + sessionId + " has ended"));
        }
        if (afterSeq == null) {
            // registered first, then the newest seq read: a message stored in between waits in pending and is
            // either newer (delivered) or not (dropped), so nothing after the join is lost
            return store.lastSeq(sessionId).map(last -> {
                if (subscription.start(last)) {
                    fill(subscription).subscribe();
                }
                return 0;
            });
        }
        subscription.start(afterSeq);
        return fill(subscription).map(cursor -> (int) Math.max(0, cursor - afterSeq));
    }

    public boolean leave(String sessionId, String recipientId) {
        Map<String, Subscription> room = rooms.get(sessionId);
        if (room == null) {
            return false;
        }
        Subscription removed = room.remove(recipientId);
        if (removed != null) {
            removed.close();
        }
        rooms.computeIfPresent(sessionId, (id, members) -> members.isEmpty() ? null : members);
        return removed != null;
    }

    /** Everything a closing connection had joined. */
    public void leaveAll(String recipientId) {
        for (String sessionId : List.copyOf(rooms.keySet())) {
            leave(sessionId, recipientId);
        }
    }

    /**
     * Whether a message of the session that another instance stored concerns this one: only if the session has a
     * room here. If not, the message need not even be read; the number this instance remembers for the session is
     * dropped instead, since it lags now. A join that registers right after this answer loses nothing: the message
     * was stored and the session's head raised before it was published, and a join starts from the head or the store.
     */
    public boolean wants(String sessionId) {
        if (rooms.containsKey(sessionId)) {
            return true;
        }
        store.forget(sessionId);
        return false;
    }

    /** A live message: stored on this instance, or read from {@code message-sent}; a seq already given is dropped. */
    public void deliver(MessageView message) {
        store.exists(message.sessionId(), message.seq());
        Map<String, Subscription> room = rooms.get(message.sessionId());
        if (room == null) {
            return;
        }
        for (Subscription subscription : room.values()) {
            if (subscription.offer(message)) {
                fillUnlessClosedSoon(subscription);
            }
        }
    }

    /**
     * A gap opened by a live message nearly always closes by itself within milliseconds: the sender's instance
     * delivers its own message at once while the one before it, stored on another instance, is still on its way
     * through Kafka. Only a gap that outlives {@link #GAP_GRACE} (a message stored but never published) is read
     * from the store, whose range query the embedded Mongo server answers by scanning every stored message.
     */
    private void fillUnlessClosedSoon(Subscription subscription) {
        if (!subscription.beginFill()) {
            return;
        }
        Mono.delay(GAP_GRACE)
                .flatMap(tick -> subscription.endFill() ? fill(subscription) : Mono.<Long>empty())
                .subscribe(cursor -> { }, ex -> log.warn("could not fill messages of session {}: {}",
                        subscription.sessionId(), ex.toString()));
    }

    /**
     * Closes the session's room: every member first gets whatever was stored and not yet given (a message sent
     * just before the end may still be on its way through Kafka), then the room is gone.
     */
    public Mono<Void> close(String sessionId) {
        closed.add(sessionId);
        Map<String, Subscription> room = rooms.remove(sessionId);
        if (room == null) {
            return Mono.empty();
        }
        return Flux.fromIterable(room.values())
                .flatMap(subscription -> fill(subscription).onErrorResume(ex -> Mono.empty())
                        .doFinally(signal -> subscription.close()))
                .then();
    }

    /** Reads the store after the cursor, page by page, until no gap remains; completes with the final cursor. */
    private Mono<Long> fill(Subscription subscription) {
        if (!subscription.beginFill()) {
            return Mono.fromSupplier(subscription::cursor);
        }
        return fillPages(subscription)
                .then(Mono.defer(() -> {
                    if (subscription.endFill()) {
                        // the gap outlived a full read: a newer message became visible meanwhile; read again
                        return Mono.delay(REFILL_DELAY).then(fill(subscription));
                    }
                    return Mono.fromSupplier(subscription::cursor);
                }))
                .doOnError(ex -> {
                    subscription.endFill();
                    log.warn("could not fill messages of session {} after seq {}: {}", subscription.sessionId(),
                            subscription.cursor(), ex.toString());
                });
    }

    private Mono<Void> fillPages(Subscription subscription) {
        long from = subscription.cursor();
        return store.after(subscription.sessionId(), from, null, PAGE).map(MessageView::of).collectList()
                .flatMap(page -> {
                    page.forEach(subscription::offer);
                    return page.size() == PAGE && !subscription.closed() ? fillPages(subscription) : Mono.empty();
                });
    }
}
