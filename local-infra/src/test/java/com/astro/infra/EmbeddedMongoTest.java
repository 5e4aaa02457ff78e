package com.astro.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Queries that name one {@code _id} beside other conditions go through the {@code _id} index
 * ({@link IdLookupBackend}); these pin that they still answer exactly what MongoDB answers.
 */
class EmbeddedMongoTest {

    private static EmbeddedMongo mongo;

    private static MongoClient client;

    private static int collections;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.start(0);
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    private static MongoCollection<Document> astrologers() {
        MongoCollection<Document> collection = client.getDatabase("test").getCollection("astrologers" + collections++);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            documents.add(new Document("_id", "a" + i).append("version", 1L).append("online", i % 2 == 0));
        }
        Mono.from(collection.insertMany(documents)).block();
        return collection;
    }

    @Test
    void aConditionalUpdateByIdChangesTheDocumentOnlyWhenEveryConditionHolds() {
        MongoCollection<Document> astrologers = astrologers();

        long stale = Mono.from(astrologers.updateOne(Filters.and(Filters.eq("_id", "a7"), Filters.eq("version", 2L)),
                Updates.set("version", 3L))).block().getModifiedCount();
        long current = Mono.from(astrologers.updateOne(Filters.and(Filters.eq("_id", "a7"), Filters.eq("version", 1L)),
                Updates.set("version", 2L))).block().getModifiedCount();

        assertThat(stale).isZero();
        assertThat(current).isOne();
        assertThat(Mono.from(astrologers.find(Filters.eq("_id", "a7")).first()).block().getLong("version")).isEqualTo(2L);
        assertThat(Flux.from(astrologers.find(Filters.eq("version", 2L))).map(d -> d.getString("_id")).collectList().block())
                .containsExactly("a7");
    }

    @Test
    void aFindByIdAndAnAlternativeFindsThatDocumentOnlyWhenOneAlternativeHolds() {
        MongoCollection<Document> astrologers = astrologers();

        List<Object> online = Flux.from(astrologers.find(Filters.and(Filters.eq("_id", "a4"),
                Filters.or(Filters.eq("online", true), Filters.eq("version", 9L))))).map(d -> d.get("_id")).collectList().block();
        List<Object> none = Flux.from(astrologers.find(Filters.and(Filters.eq("_id", "a5"),
                Filters.or(Filters.eq("online", true), Filters.eq("version", 9L))))).map(d -> d.get("_id")).collectList().block();

        assertThat(online).containsExactly("a4");
        assertThat(none).isEmpty();
    }

    @Test
    void aFindAndModifyByIdAndAConditionReturnsTheChangedDocument() {
        MongoCollection<Document> astrologers = astrologers();

        Document changed = Mono.from(astrologers.findOneAndUpdate(Filters.and(Filters.eq("_id", "a3"), Filters.ne("online", true)),
                Updates.combine(Updates.set("online", true), Updates.inc("version", 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .block();

        assertThat(changed.getBoolean("online")).isTrue();
        assertThat(changed.getLong("version")).isEqualTo(2L);
    }

    @Test
    void queriesOnSeveralIdsStillFindEveryOne() {
        MongoCollection<Document> astrologers = astrologers();

        long deleted = Mono.from(astrologers.deleteMany(Filters.and(Filters.in("_id", "a1", "a2", "a40"), Filters.eq("version", 1L))))
                .block().getDeletedCount();

        assertThat(deleted).isEqualTo(3);
        assertThat(Mono.from(astrologers.countDocuments()).block()).isEqualTo(47);
    }
}
