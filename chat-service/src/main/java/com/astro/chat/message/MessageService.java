package com.astro.chat.message;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.astro.chat.ChatRefusal;
import com.astro.chat.config.ChatProperties;
import com.astro.chat.moderation.ContactMasking;
import com.astro.chat.metrics.ChatMetrics;
import com.astro.chat.session.SessionAccess;
import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * Sending a message: the sender must take part in the active session and the text must be non-blank and not
 * too long; its contact details are masked ({@link ContactMasking}); then it is inserted with the next sequence
 * number, delivered at once to the session's room on this instance, and published on {@code message-sent}, from
 * which the other chat instances deliver it (this one passes over its own copy unread, {@link MessageOrigin}); the
 * session's head is raised meanwhile, and the sender answered once it is.
 * <p>
 * The message's outbox entry is written beside it (in parallel, so it costs no round trip of its own): once both
 * are stored the message will reach {@code message-sent}, from this attempt, the producer's own retries, or the
 * {@link OutboxSweeper}. The sender is therefore answered once both are stored, with the record queued for the
 * producer in order, not after the broker's acknowledgement: a broker outage delays delivery to the other
 * instances, not the conversation. Only if the outbox could not hold the message does the answer wait for the
 * broker (at most {@code publishWait}), and an error then means the message may never be published. A repeated
 * clientMessageId answers with the original and publishes it again if its last attempt failed.
 */
@Service
public class MessageService {

    private static final Logger log = LoggerFactory.getLogger(MessageService.class);

    private final SessionAccess access;

    private final MessageStore store;

    private final MessageOutbox outbox;

    private final MessagePublisher publisher;

    private final MessageDelivery delivery;

    private final ChatProperties properties;

    private final ContactMasking masking;

    private final Clock clock;

    private final ChatMetrics metrics;

    MessageService(SessionAccess access, MessageStore store, MessageOutbox outbox, MessagePublisher publisher,
            MessageDelivery delivery, ChatProperties properties, ContactMasking masking, Clock clock, ChatMetrics metrics) {
        this.access = access;
        this.store = store;
        this.outbox = outbox;
        this.publisher = publisher;
        this.delivery = delivery;
        this.properties = properties;
        this.masking = masking;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A message a client asks to send, already checked for types. */
    public record Send(String sessionId, String text, String clientMessageId) {
    }

    public Mono<MessageView> send(CurrentUser sender, Send command) {
        String text = command.text();
        if (text.isBlank()) {
            return Mono.error(new ChatRefusal(ChatRefusal.EMPTY_TEXT, "The message text is empty"));
        }
        int length = text.codePointCount(0, text.length());
        if (length > properties.maxTextLength()) {
            return Mono.error(new ChatRefusal(ChatRefusal.TEXT_TOO_LONG, "The message text has " + length
                    + " characters; at most " + properties.maxTextLength() + " are allowed"));
        }
        // masked before anything keeps or sees it: the store, the other participant, the message-sent event
        return access.activeFor(command.sessionId(), sender).flatMap(session -> {
            Instant now = clock.instant();
            MessageStore.Draft draft = new MessageStore.Draft(UUID.randomUUID().toString(), session.id(), sender.id(),
                    sender.role().wireName(), masking.mask(text), command.clientMessageId(), now);
            return Mono.zip(store.insert(draft), held(draft.id(), now)).flatMap(inserted -> {
                MessageStore.Stored stored = inserted.getT1();
                if (stored.duplicate()) {
                    return resent(stored.message(), draft.id());
                }
                return Mono.zip(deliverAndPublish(stored.message(), inserted.getT2(), now), headRaised(stored))
                        .map(Tuple2::getT1);
            });
        });
    }

    /**
     * The head is raised beside the delivery and publication, not before them: it only speeds up numbering on an
     * instance that has not stored in the session yet, and one left behind makes that instance's first insert
     * collide and move past it (MessageStore). So a failed raise does not fail the send.
     */
    private Mono<Boolean> headRaised(MessageStore.Stored stored) {
        return store.raiseHead(stored).thenReturn(true).onErrorResume(ex -> {
            log.warn("the head of session {} was not raised to {}: {}", stored.message().sessionId(),
                    stored.message().seq(), ex.toString());
            return Mono.just(false);
        });
    }

    /** Whether the outbox holds the message; if not, only this attempt can publish it. */
    private Mono<Boolean> held(String messageId, Instant now) {
        return outbox.add(messageId, now).thenReturn(true).onErrorResume(ex -> {
            log.warn("message {} could not be put in the outbox: {}", messageId, ex.toString());
            return Mono.just(false);
        });
    }

    private Mono<MessageView> deliverAndPublish(ChatMessage message, boolean held, Instant startedAt) {
        metrics.messageStored();
        MessageView view = MessageView.of(message);
        delivery.deliver(view);
        return publisher.publish(message, startedAt, !held).thenReturn(view).onErrorResume(ex -> {
            log.error("message {} (session {}, seq {}) is stored but could not be published: {}", message.id(),
                    message.sessionId(), message.seq(), ex.toString());
            return Mono.error(ex);
        });
    }

    /**
     * The clientMessageId was stored before: the resend's own outbox entry names no message, and the original is
     * published again if its last attempt failed (its sender may be resending because it was never answered).
     */
    private Mono<MessageView> resent(ChatMessage original, String resendId) {
        outbox.remove(resendId).subscribe(null, ex -> log.debug("outbox entry {} left to the sweeper: {}", resendId,
                ex.toString()));
        return publisher.republishIfDue(original).onErrorResume(ex -> {
            log.warn("message {} could not be published again yet: {}", original.id(), ex.toString());
            return Mono.just(false);
        }).thenReturn(MessageView.of(original));
    }
}
