package com.astro.chat.message;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.astro.chat.ChatRefusal;
import com.astro.chat.config.ChatProperties;
import com.astro.chat.metrics.ChatMetrics;
import com.astro.chat.session.SessionAccess;
import com.astro.common.event.MessageSent;
import com.astro.common.kafka.EventPublisher;
import com.astro.common.security.CurrentUser;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sending a message: the sender must take part in the active session and the text must be non-blank and not
 * too long; then it is stored with the next sequence number, delivered at once to the session's room on this
 * instance, and published on {@code message-sent}, from which the other chat instances deliver it (this one
 * drops its own copy: delivery is idempotent by sequence number). A repeated clientMessageId answers with the
 * original and publishes nothing.
 */
@Service
public class MessageService {

    private static final Logger log = LoggerFactory.getLogger(MessageService.class);

    private final SessionAccess access;

    private final MessageStore store;

    private final MessageDelivery delivery;

    private final EventPublisher events;

    private final ChatProperties properties;

    private final Clock clock;

    private final ChatMetrics metrics;

    public MessageService(SessionAccess access, MessageStore store, MessageDelivery delivery, EventPublisher events,
            ChatProperties properties, Clock clock, ChatMetrics metrics) {
        this.access = access;
        this.store = store;
        this.delivery = delivery;
        this.events = events;
        this.properties = properties;
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
        return access.activeFor(command.sessionId(), sender)
                .flatMap(session -> store.store(new MessageStore.Draft(UUID.randomUUID().toString(),
                        session.id(), sender.id(), sender.role().wireName(), text, command.clientMessageId(),
                        clock.instant())))
                .flatMap(stored -> stored.duplicate() ? Mono.just(MessageView.of(stored.message()))
                        : deliverAndPublish(stored.message()));
    }

    private Mono<MessageView> deliverAndPublish(ChatMessage message) {
        metrics.messageStored();
        MessageView view = MessageView.of(message);
        delivery.deliver(view);
        return publish(message).thenReturn(view);
    }

    private Mono<Void> publish(ChatMessage message) {
        MessageSent event = MessageSent.of(clock.instant(), message.id(), message.sessionId(), message.seq(),
                message.senderId(), message.senderRole(), message.text(), message.clientMessageId(),
                message.sentAt());
        // the producer may block on metadata; keep that off the network thread that called send
        return events.publish(event).subscribeOn(Schedulers.boundedElastic()).doOnError(ex -> log.error(
                "message {} (session {}, seq {}) is stored but could not be published: {}", message.id(),
                message.sessionId(), message.seq(), ex.toString()));
    }
}
