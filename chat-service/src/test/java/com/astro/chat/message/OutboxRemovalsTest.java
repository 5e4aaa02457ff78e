package com.astro.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Acknowledged messages leave the outbox in batches, against the embedded Mongo server. */
class OutboxRemovalsTest {

    private static final CommandLog log = new CommandLog();

    private static ReactiveMongoTemplate mongo;

    private static MessageOutbox outbox;

    private OutboxRemovals removals;

    @BeforeAll
    static void connect() {
        mongo = new ReactiveMongoTemplate(log.client, "chat-outbox-" + UUID.randomUUID());
        outbox = new MessageOutbox(mongo);
    }

    @AfterAll
    static void close() {
        log.client.close();
    }

    @BeforeEach
    void newRemovals() {
        removals = new OutboxRemovals(outbox);
    }

    private static List<String> added(int count) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ids.forEach(id -> outbox.add(id, Instant.now()).block());
        return ids;
    }

    private static long held(List<String> ids) {
        return ids.stream().filter(id -> mongo.findById(id, Document.class, MessageOutbox.COLLECTION).block() != null)
                .count();
    }

    private static long deletes() {
        return log.commands.stream().filter("delete"::equals).count();
    }

    @Test
    void acknowledgementsArrivingTogetherLeaveTheOutboxInOneDelete() {
        List<String> ids = added(20);
        long before = deletes();

        ids.forEach(removals::acknowledged);

        await().atMost(Duration.ofSeconds(5)).until(() -> held(ids) == 0);
        assertThat(deletes()).isEqualTo(before + 1);
    }

    @Test
    void anAcknowledgementAfterABatchWentGoesWithTheNextOne() {
        List<String> first = added(1);
        removals.acknowledged(first.get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> held(first) == 0);
        List<String> second = added(1);

        removals.acknowledged(second.get(0));

        await().atMost(Duration.ofSeconds(5)).until(() -> held(second) == 0);
    }

    @Test
    void aBacklogIsDeletedInBatchesOfAtMostTheLimit() {
        List<String> ids = added(OutboxRemovals.MAX_BATCH + 1);
        long before = deletes();

        ids.forEach(removals::acknowledged);

        await().atMost(Duration.ofSeconds(10)).until(() -> held(ids) == 0);
        assertThat(deletes()).isEqualTo(before + 2);
    }

    @Test
    void whatWasAcknowledgedBeforeShutdownLeavesTheOutboxOnShutdown() {
        List<String> ids = added(3);
        ids.forEach(removals::acknowledged);

        removals.destroy();

        assertThat(held(ids)).isZero();
    }
}
