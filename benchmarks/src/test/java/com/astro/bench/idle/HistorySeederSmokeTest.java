package com.astro.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.infra.EmbeddedMongo;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The idle-CPU scenario's history, seeded at a tiny size into the embedded Mongo server: every database gets the
 * documents it would hold after that much traffic, shaped as the services store them, and none of it is due.
 */
class HistorySeederSmokeTest {

    private static EmbeddedMongo mongo;

    private static MongoClient client;

    @BeforeAll
    static void seed() {
        mongo = EmbeddedMongo.start(0);
        client = MongoClients.create(mongo.connectionString());
        HistorySeeder.seed(client, 20, 100, "smoke");
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void everyServiceDatabaseHoldsTheHistory() {
        assertThat(count("session", "sessions")).isEqualTo(20);
        assertThat(count("session", "ledger")).isEqualTo(20);
        assertThat(count("chat", "sessions")).isEqualTo(20);
        assertThat(count("presence", "sessions")).isEqualTo(20);
        assertThat(count("chat", "messages")).isEqualTo(100);
        assertThat(count("chat", "message_heads")).isEqualTo(20);
    }

    @Test
    void everySessionIsEndedAndFullyAnnouncedUnderTheIdSpringStores() {
        Document session = first("session", "sessions");
        assertThat(session.get("_id")).isInstanceOf(ObjectId.class);
        assertThat(session.getString("status")).isEqualTo("ENDED");
        assertThat(session.getBoolean("requestedPublished")).isTrue();
        assertThat(session.getBoolean("acceptedPublished")).isTrue();
        assertThat(session.getBoolean("endedPublished")).isTrue();
        assertThat(first("chat", "sessions").getInteger("stage")).isEqualTo(3);
    }

    @Test
    void eachSessionsMessagesAreNumberedWithoutGapsUpToItsHead() {
        Document head = first("chat", "message_heads");
        String sessionId = head.get("_id").toString();
        long stored = Mono.from(client.getDatabase("chat").getCollection("messages")
                .countDocuments(new Document("sessionId", sessionId))).block();
        assertThat(head.getLong("lastSeq")).isEqualTo(5L).isEqualTo(stored);
    }

    private static long count(String database, String collection) {
        return Mono.from(client.getDatabase(database).getCollection(collection).countDocuments()).block();
    }

    private static Document first(String database, String collection) {
        return Flux.from(client.getDatabase(database).getCollection(collection).find().first()).blockFirst();
    }
}
