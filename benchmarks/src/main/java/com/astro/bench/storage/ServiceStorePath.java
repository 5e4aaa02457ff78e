package com.astro.bench.storage;

import java.time.Instant;
import java.util.UUID;

import org.reactivestreams.Publisher;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.astro.chat.message.MessageStorage;

/**
 * chat-service's own message store ({@link MessageStorage}, the entry point chat-service keeps for this benchmark),
 * driven exactly as {@code MessageService} drives it: one store per message on a {@link ReactiveMongoTemplate} over
 * the same database. Whatever the store does per message (dedup lookup, sequence number, insert, retry on a lost
 * race) is what is timed.
 */
final class ServiceStorePath implements InsertPath {

    private final MessageStorage store;

    private final MessageWorkload workload;

    ServiceStorePath(ReactiveMongoTemplate template, MessageWorkload workload) {
        this.store = new MessageStorage(template);
        this.workload = workload;
    }

    @Override
    public String name() {
        return "service-store";
    }

    @Override
    public String description() {
        return "chat-service's MessageStorage.store (its MessageStore) on a ReactiveMongoTemplate: exactly the "
                + "service's storage code per message";
    }

    @Override
    public String collection() {
        return "messages";
    }

    @Override
    public Publisher<?> prepare() {
        return store.ensureIndexes();
    }

    @Override
    public Publisher<?> insert(long k) {
        return store.store(UUID.randomUUID().toString(), workload.sessionId(k), workload.senderId(k),
                workload.senderRole(k), workload.text(k), workload.clientMessageId(k), Instant.now());
    }
}
