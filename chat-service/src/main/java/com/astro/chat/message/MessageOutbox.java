package com.astro.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ids of stored messages whose {@code message-sent} the broker has not acknowledged yet ({@value #COLLECTION}),
 * each with the time its latest publish attempt started. An entry is deleted once the broker acknowledges, so the
 * collection holds only the messages in flight and those a broker outage or a crash left behind: the sweeper's
 * query reads this small collection, never the messages (the embedded Mongo server would scan all of them). Whoever
 * publishes an entry first claims it, so two instances never publish the same attempt.
 */
@Repository
class MessageOutbox {

    static final String COLLECTION = "message_outbox";

    private final ReactiveMongoTemplate mongo;

    MessageOutbox(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records that the message's first publish attempt starts now. */
    Mono<Void> add(String messageId, Instant now) {
        return mongo.insert(new Document("_id", messageId).append("attemptAt", stamp(now)), COLLECTION).then();
    }

    /** The broker acknowledged the message: nothing left to publish. */
    Mono<Void> remove(String messageId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(messageId)), COLLECTION).then();
    }

    /** The broker acknowledged these messages ({@link OutboxRemovals}). */
    Mono<Void> removeAll(List<String> messageIds) {
        return mongo.remove(Query.query(Criteria.where("_id").in(messageIds)), COLLECTION).then();
    }

    /** Ids whose latest attempt started before {@code over}: it either failed or can no longer succeed. */
    Flux<String> due(Instant over, int limit) {
        Query query = Query.query(Criteria.where("attemptAt").lt(over)).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).map(entry -> entry.getString("_id"));
    }

    /**
     * Starts a new attempt if the latest one started before {@code over}; true for exactly one of several
     * claimants (the update is atomic), false when the message was acknowledged meanwhile or is being published.
     */
    Mono<Boolean> claim(String messageId, Instant over, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(messageId).and("attemptAt").lt(over));
        return mongo.updateFirst(query, Update.update("attemptAt", stamp(now)), COLLECTION)
                .map(result -> result.getModifiedCount() == 1);
    }

    /**
     * The attempt that started at {@code startedAt} failed for sure (the producer gave up on it): the next sweep may
     * publish the message again at once. A later attempt, claimed meanwhile, is left alone.
     */
    Mono<Void> attemptFailed(String messageId, Instant startedAt) {
        Query query = Query.query(Criteria.where("_id").is(messageId).and("attemptAt").is(stamp(startedAt)));
        return mongo.updateFirst(query, Update.update("attemptAt", Instant.EPOCH), COLLECTION).then();
    }

    /** Mongo keeps milliseconds: an attempt is named by its start as stored. */
    private static Instant stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
