package com.astro.chat.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.chat.message.MessageDelivery;
import com.astro.chat.message.MessageOrigin;
import com.astro.chat.message.MessageView;
import com.astro.chat.metrics.ChatMetrics;
import com.astro.chat.session.SessionEvents;
import com.astro.chat.session.SessionNotices;
import com.astro.chat.session.SessionUpdates;
import com.astro.common.event.DomainEvent;
import com.astro.common.event.MessageSent;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionBalanceRanLow;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.Topics;
import com.astro.common.kafka.EventReader;

import reactor.core.publisher.Mono;

/**
 * What every chat instance must see, read by this instance's own consumer group: session events become
 * notifications to the participants' sockets held here ({@link SessionUpdates} decides whether they are still
 * news), {@code message-sent} stored elsewhere becomes {@code message:receive} in the session's room, relays reach
 * their user. A
 * redelivered event (same event id) notifies nobody twice. A request or acceptance none of whose recipients is
 * connected here is left to the shared read-model group.
 */
@Component
class FanOutListener {

    private static final Logger log = LoggerFactory.getLogger(FanOutListener.class);

    private static final int REMEMBERED_EVENTS = 10_000;

    private static final EventReader<MessageSent> MESSAGE = EventReader.of(MessageSent.class, MessageSent.SCHEMA_VERSION)
            .requiring(event -> event.sessionId() != null && event.seq() > 0, "a message-sent without session or seq");

    private static final EventReader<ChatRelay> RELAY = EventReader.of(ChatRelay.class, ChatRelay.SCHEMA_VERSION)
            .requiring(relay -> relay.userId() != null && relay.event() != null, "a relay without user or event");

    private static final EventReader<SessionBalanceRanLow> LOW_BALANCE = EventReader
            .of(SessionBalanceRanLow.class, SessionBalanceRanLow.SCHEMA_VERSION)
            .requiring(event -> event.sessionId() != null && event.userId() != null && event.astrologerId() != null,
                    "a session-balance-ran-low without session or parties");

    private final SessionUpdates sessions;

    private final MessageDelivery delivery;

    private final Notifier notifier;

    private final MessageOrigin origin;

    private final ChatMetrics metrics;

    private final KeyedSerialQueue queue = new KeyedSerialQueue();

    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_EVENTS;
        }
    });

    FanOutListener(SessionUpdates sessions, MessageDelivery delivery, Notifier notifier, MessageOrigin origin,
            ChatMetrics metrics) {
        this.sessions = sessions;
        this.delivery = delivery;
        this.notifier = notifier;
        this.origin = origin;
        this.metrics = metrics;
    }

    @KafkaListener(id = "chat-fan-out", containerFactory = FanOutConfiguration.FACTORY,
            groupId = "#{@chatInstance.fanOutGroup()}",
            properties = "auto.offset.reset=latest",
            topics = { Topics.SESSION_REQUESTED, Topics.SESSION_ACCEPTED, Topics.SESSION_ENDED, Topics.MESSAGE_SENT,
                    ChatRelay.TOPIC, Topics.SESSION_BALANCE_RAN_LOW })
    public void on(ConsumerRecord<String, String> record) {
        // this instance's own group has no dead-letter path: an unreadable record is skipped here (the shared
        // read-model group, reading the same topics, dead-letters it once)
        switch (record.topic()) {
            case Topics.MESSAGE_SENT -> message(record);
            case Topics.SESSION_REQUESTED -> requested(SessionEvents.REQUESTED.readOrSkip(record.value()));
            case Topics.SESSION_ACCEPTED -> accepted(SessionEvents.ACCEPTED.readOrSkip(record.value()));
            case Topics.SESSION_ENDED -> ended(SessionEvents.ENDED.readOrSkip(record.value()));
            case ChatRelay.TOPIC -> relay(RELAY.readOrSkip(record.value()));
            case Topics.SESSION_BALANCE_RAN_LOW -> lowBalance(LOW_BALANCE.readOrSkip(record.value()));
            default -> log.warn("unexpected topic {}", record.topic());
        }
    }

    /**
     * Every instance takes every message, so what it costs is what decides how far chat scales out: a record is only
     * read (parsed) here when another instance stored it and its session has a room here. Most are passed over on
     * their header or key alone.
     */
    private void message(ConsumerRecord<String, String> record) {
        if (origin.deliveredHere(record.headers())) {
            metrics.fanOutDeliveredHere();
            return;
        }
        if (record.key() != null && !delivery.wants(record.key())) {
            metrics.fanOutNoRoom();
            return;
        }
        MessageSent event = MESSAGE.readOrSkip(record.value());
        if (event != null) {
            metrics.fanOutRead();
            // no event-id check: delivery is idempotent by sequence number
            delivery.deliver(MessageView.of(event));
        }
    }

    private void requested(SessionRequested event) {
        if (event == null || !unseen(event)) {
            return;
        }
        // no astrologer socket here: nobody to tell, and the shared read-model group stores the request
        if (!notifier.holdsUser(event.astrologerId())) {
            return;
        }
        Mono<Void> write = sessions.requested(event,
                notice -> notifier.toUser(event.astrologerId(), "session:request", notice));
        // told already: a redelivery arriving before the write is done must tell nobody again
        seen(event);
        inOrder(event, "session-requested", write);
    }

    private void accepted(SessionAccepted event) {
        if (event == null || !unseen(event)) {
            return;
        }
        if (!notifier.holdsUser(event.userId()) && !notifier.holdsUser(event.astrologerId())) {
            return;
        }
        Mono<Void> write = sessions.accepted(event, notice -> {
            notifier.toUser(event.userId(), "session:accepted", notice);
            notifier.toUser(event.astrologerId(), "session:accepted", notice);
        });
        seen(event);
        inOrder(event, "session-accepted", write);
    }

    private void ended(SessionEnded event) {
        if (event == null || !unseen(event)) {
            return;
        }
        // every instance applies the end, sockets or not: it closes the room here and forgets the active session;
        // the room's last messages go first, then the end, then the room is gone
        inOrder(event, "session-ended", sessions.ended(event)
                .flatMap(notice -> delivery.close(event.sessionId()).then(Mono.fromRunnable(() -> {
                    notifier.toUser(event.userId(), "session:ended", notice);
                    notifier.toUser(event.astrologerId(), "session:ended", notice);
                    notifier.leaveSessionRoom(event.sessionId());
                }))).then());
    }

    /**
     * {@code session:low-balance}: the balance of an active session covers only a few more minutes. The user hears the
     * balance, the astrologer only that the session may end soon. In order behind the session's other events here,
     * and only while the read model still holds the session active: a warning read after the end is old news.
     */
    private void lowBalance(SessionBalanceRanLow event) {
        if (event == null || !unseen(event)) {
            return;
        }
        if (!notifier.holdsUser(event.userId()) && !notifier.holdsUser(event.astrologerId())) {
            return;
        }
        inOrder(event, "session-balance-ran-low", sessions.lowBalance(event).doOnNext(active -> {
            notifier.toUser(event.userId(), "session:low-balance", SessionNotices.LowBalance.of(event));
            notifier.toUser(event.astrologerId(), "session:low-balance", SessionNotices.LowBalanceNotice.of(event));
        }).then());
    }

    /**
     * Session events are applied off the consumer thread, one session's in order and different sessions' at the
     * same time (requests and acceptances are told before, {@link SessionUpdates}): each needs a store round trip,
     * and done one by one on the consumer thread those round trips queued every notification of the instance
     * behind each other (seconds under load). A failure ({@link SessionUpdates} retries briefly) is logged; the
     * shared read-model group stores the event anyway. An end or a warning counts as seen only once handled, so a
     * redelivery of one that failed here is handled again; a request or acceptance once told.
     */
    private void inOrder(DomainEvent event, String what, Mono<Void> work) {
        queue.submit(event.key(), work
                .doOnSuccess(done -> seen(event))
                .onErrorResume(ex -> {
                    log.warn("could not apply {} of session {} here: {}", what, event.key(), ex.toString());
                    return Mono.empty();
                }));
    }

    private void relay(ChatRelay relay) {
        if (relay != null && unseen(relay)) {
            notifier.toUser(relay.userId(), relay.event(), relay.payload());
            seen(relay);
        }
    }

    private synchronized boolean unseen(DomainEvent event) {
        return event.eventId() == null || !seen.contains(event.eventId());
    }

    private synchronized void seen(DomainEvent event) {
        if (event.eventId() != null) {
            seen.add(event.eventId());
        }
    }
}
