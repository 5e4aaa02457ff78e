package com.astro.chat.message;

import java.time.Instant;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import reactor.core.publisher.Mono;

/**
 * The service's message store on a template of the caller's, without the application around it. It exists for the
 * storage benchmark ({@code benchmarks/}, {@code ServiceStorePath}), which times exactly the service's storage code
 * per message against raw driver loops; the service itself stores through {@link MessageService}.
 */
public final class MessageStorage {

    private final MessageStore store;

    public MessageStorage(ReactiveMongoTemplate mongo) {
        this.store = new MessageStore(mongo);
    }

    /** The unique indexes the sequence numbers and the clientMessageId dedup rest on; the service makes them at start. */
    public Mono<Void> ensureIndexes() {
        return store.ensureIndexes();
    }

    /** Stores one message as {@link MessageService} does, with the session's next sequence number; a repeated clientMessageId answers the original. */
    public Mono<ChatMessage> store(String id, String sessionId, String senderId, String senderRole, String text,
            String clientMessageId, Instant sentAt) {
        return store.store(new MessageStore.Draft(id, sessionId, senderId, senderRole, text, clientMessageId, sentAt))
                .map(MessageStore.Stored::message);
    }
}
