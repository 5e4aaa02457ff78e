package com.astro.bench.storage;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.reactivestreams.Publisher;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Storage paths written straight against the reactive driver, with the same documents and unique indexes. */
final class DriverPaths {

    private DriverPaths() {
    }

    static Document document(MessageWorkload workload, long k, long seq) {
        return new Document("_id", UUID.randomUUID().toString())
                .append("sessionId", workload.sessionId(k))
                .append("seq", seq)
                .append("senderId", workload.senderId(k))
                .append("senderRole", workload.senderRole(k))
                .append("text", workload.text(k))
                .append("clientMessageId", workload.clientMessageId(k))
                .append("dedupKey", workload.clientMessageId(k))
                .append("sentAt", new Date());
    }

    static Publisher<?> createIndexes(MongoCollection<Document> collection) {
        return Flux.concat(
                collection.createIndex(Indexes.ascending("sessionId", "seq"), new IndexOptions().unique(true)),
                collection.createIndex(Indexes.ascending("sessionId", "senderId", "dedupKey"),
                        new IndexOptions().unique(true)));
    }

    /** A single insertOne with the sequence number known in advance: the floor for one stored message. */
    static InsertPath insertOnly(MongoDatabase db, MessageWorkload workload) {
        MongoCollection<Document> collection = db.getCollection("driver_insert_messages");
        return new InsertPath() {
            public String name() {
                return "driver-insert";
            }

            public String description() {
                return "raw reactive driver: one insertOne per message, seq computed by the client";
            }

            public String collection() {
                return "driver_insert_messages";
            }

            public Publisher<?> prepare() {
                return createIndexes(collection);
            }

            public Publisher<?> insert(long k) {
                return collection.insertOne(document(workload, k, workload.seq(k)));
            }
        };
    }

    /**
     * The service's round trips done with the bare driver: look up the clientMessageId, read the session's
     * highest seq, insert with the next one. Separates the cost of the round trips from the mapping layer.
     */
    static InsertPath sameQueries(MongoDatabase db, MessageWorkload workload) {
        MongoCollection<Document> collection = db.getCollection("driver_queries_messages");
        return new InsertPath() {
            public String name() {
                return "driver-same-queries";
            }

            public String description() {
                return "raw reactive driver doing the service's three round trips: find by (sessionId, senderId, "
                        + "dedupKey), find highest seq (sort seq desc, limit 1, projection), insertOne; retry on a lost race";
            }

            public String collection() {
                return "driver_queries_messages";
            }

            public Publisher<?> prepare() {
                return createIndexes(collection);
            }

            public Publisher<?> insert(long k) {
                String session = workload.sessionId(k);
                return Mono.defer(() -> Mono.from(collection.find(dedupFilter(workload, k)).first())
                        .hasElement()
                        .flatMap(exists -> Mono.from(collection.find(Filters.eq("sessionId", session))
                                .sort(Sorts.descending("seq")).limit(1).projection(Projections.include("seq")).first()))
                        .map(last -> ((Number) last.get("seq")).longValue())
                        .defaultIfEmpty(0L)
                        .flatMap(last -> Mono.from(collection.insertOne(document(workload, k, last + 1)))))
                        // as the service: a lost race for the next number is retried
                        .retryWhen(Retry.backoff(50, Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(20))
                                .filter(DriverPaths::duplicateKey));
            }
        };
    }

    /**
     * The clientMessageId lookup as Spring Data renders the service's Criteria: one flat document. (The driver's
     * Filters.and renders an $and array, which the embedded Mongo server cannot serve from the unique index.)
     */
    static Document dedupFilter(MessageWorkload workload, long k) {
        return new Document("sessionId", workload.sessionId(k)).append("senderId", workload.senderId(k))
                .append("dedupKey", workload.clientMessageId(k));
    }

    static boolean duplicateKey(Throwable ex) {
        return ex instanceof MongoWriteException write && write.getError().getCode() == 11000;
    }

    static List<String> collections() {
        return List.of("driver_insert_messages", "driver_queries_messages");
    }
}
