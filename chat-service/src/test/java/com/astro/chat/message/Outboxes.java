package com.astro.chat.message;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.astro.chat.ChatCluster;
import com.astro.common.kafka.EventPublisher;

/** What the fault tests do to an instance's message outbox, whose classes are internal to this package. */
public final class Outboxes {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Outboxes() {
    }

    /** Runs one sweep on the instance; the number of messages it published again. */
    public static long sweep(ChatCluster.Instance instance) {
        return instance.bean(OutboxSweeper.class).sweep().block(WAIT);
    }

    /**
     * Stores a message the way an instance does and leaves it in the outbox with an attempt long over and no
     * event on {@code message-sent}: what an instance killed after storing, or a producer that gave up, leaves.
     */
    public static ChatMessage storeUnpublished(ChatCluster.Instance instance, String sessionId, String senderId,
            String senderRole, String text, String clientMessageId) {
        ChatMessage message = instance.bean(MessageStore.class).store(new MessageStore.Draft(UUID.randomUUID().toString(),
                sessionId, senderId, senderRole, text, clientMessageId, Instant.now())).block(WAIT).message();
        instance.bean(MessageOutbox.class).add(message.id(), Instant.EPOCH).block(WAIT);
        return message;
    }

    /**
     * Writes the message's event on {@code message-sent} and leaves its outbox entry as a failed attempt: what a
     * producer leaves that gave up on a batch the broker had in fact appended (the answer was lost with the broker).
     */
    public static void writtenThoughReportedFailed(ChatCluster.Instance instance, ChatMessage message) {
        instance.bean(EventPublisher.class).publish(MessagePublisher.event(message)).block(WAIT);
    }

    /** An outbox entry naming no stored message, as a failed insert leaves. */
    public static String orphanEntry(ChatCluster.Instance instance) {
        String id = UUID.randomUUID().toString();
        instance.bean(MessageOutbox.class).add(id, Instant.EPOCH).block(WAIT);
        return id;
    }

    public static boolean holds(ChatCluster.Instance instance, String messageId) {
        return instance.bean(ReactiveMongoTemplate.class)
                .exists(Query.query(Criteria.where("_id").is(messageId)), MessageOutbox.COLLECTION).block(WAIT);
    }

    /** The event id every attempt at the message publishes under. */
    public static String eventId(String messageId) {
        return MessagePublisher.eventId(messageId);
    }
}
