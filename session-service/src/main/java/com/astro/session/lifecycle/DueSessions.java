package com.astro.session.lifecycle;

import java.time.Instant;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sessions the sweeper still has to look at, one small document per session ({@code _id} = session id,
 * {@code dueAt} = when to look next, {@code since} = when it was listed), in {@code session_due}. A session is
 * listed before it is stored and delisted only once it is ended and fully announced, so everything the sweeper
 * must do (expire, exhaust, finish, announce, free holders) concerns a listed session. The sweeper therefore reads
 * this list instead of querying the sessions by status and time, which the embedded Mongo server answers by
 * scanning every session ever stored: the list holds the open sessions and the ones ended in the last grace period.
 */
@Component
class DueSessions implements OwnIndexes {

    private static final String COLLECTION = "session_due";

    private static final String DUE_AT = "dueAt";

    private static final String SINCE = "since";

    private final ReactiveMongoTemplate mongo;

    DueSessions(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> ensureIndexes() {
        return mongo.indexOps(COLLECTION).createIndex(new Index().on(DUE_AT, Sort.Direction.ASC)).then();
    }

    /** Lists the session, first due at {@code dueAt}; listing it again keeps the first entry. */
    Mono<Void> list(String sessionId, Instant since, Instant dueAt) {
        Update update = new Update().setOnInsert(DUE_AT, dueAt).setOnInsert(SINCE, since);
        return mongo.upsert(Query.query(Criteria.where("_id").is(sessionId)), update, COLLECTION)
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.empty())
                .then();
    }

    /** Entries due at or before {@code now}. */
    Flux<Entry> dueBy(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where(DUE_AT).lte(now)).limit(limit), Document.class, COLLECTION)
                // a session id is 24 hex digits, which Spring stores as an ObjectId
                .map(doc -> new Entry(doc.get("_id").toString(), doc.getDate(SINCE).toInstant()));
    }

    /** Nothing to do for the session before {@code dueAt}. */
    Mono<Void> postpone(String sessionId, Instant dueAt) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(sessionId)), Update.update(DUE_AT, dueAt),
                COLLECTION).then();
    }

    /**
     * Nothing to do for the session before {@code dueAt}, unless someone listed it as due after {@code now} since
     * (an end racing the sweeper lists it again, and must win).
     */
    Mono<Void> putOff(String sessionId, Instant now, Instant dueAt) {
        Query stillDue = Query.query(Criteria.where("_id").is(sessionId).and(DUE_AT).lte(now));
        return mongo.updateFirst(stillDue, Update.update(DUE_AT, dueAt), COLLECTION).then();
    }

    Mono<Void> delist(String sessionId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(sessionId)), COLLECTION).then();
    }

    /** A listed session, listed at {@code since}. */
    record Entry(String sessionId, Instant since) {
    }
}
