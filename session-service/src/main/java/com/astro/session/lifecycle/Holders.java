package com.astro.session.lifecycle;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import reactor.core.publisher.Mono;

/**
 * One document per owner (a user, an astrologer) naming the one session that holds it, taken with the seed's
 * "null check": a conditional upsert that matches only a free (or already ours) document. When the document is held
 * by another session the filter matches nothing, the upsert tries to insert the same {@code _id} and collides: that
 * collision is the refusal. Works alike on MongoDB and the embedded server, with no partial index.
 */
abstract class Holders {

    static final String HOLDER = "sessionId";

    static final String SINCE = "since";

    private final ReactiveMongoTemplate mongo;

    private final String collection;

    Holders(ReactiveMongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Emits true when {@code sessionId} now holds {@code ownerId}, false when another session does. */
    Mono<Boolean> acquire(String ownerId, String sessionId, Instant now) {
        Query free = Query.query(Criteria.where("_id").is(ownerId).and(HOLDER).in(Arrays.asList(null, sessionId)));
        return mongo.upsert(free, new Update().set(HOLDER, sessionId).set(SINCE, now), collection)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.just(false));
    }

    /** Frees the owner if {@code sessionId} holds it; a no-op otherwise, so it is safe to repeat. */
    Mono<Void> release(String ownerId, String sessionId) {
        Query held = Query.query(Criteria.where("_id").is(ownerId).and(HOLDER).is(sessionId));
        return mongo.updateFirst(held, new Update().set(HOLDER, null), collection).then();
    }

    /** The session holding the owner, if any. */
    Mono<Held> holder(String ownerId) {
        return mongo.findById(ownerId, Document.class, collection)
                .filter(doc -> doc.getString(HOLDER) != null)
                .map(Holders::held);
    }

    private static Held held(Document doc) {
        Date since = doc.getDate(SINCE);
        return new Held(doc.getString("_id"), doc.getString(HOLDER), since == null ? Instant.EPOCH : since.toInstant());
    }

    /** {@code ownerId} is held by {@code sessionId} since {@code since}. */
    record Held(String ownerId, String sessionId, Instant since) {
    }
}
