package com.astro.token.call;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.astro.common.store.OwnIndexes;
import com.astro.token.call.CallSession.Status;

import reactor.core.publisher.Mono;

/**
 * The call read model. Every write is one conditional upsert of one document, so replays and the two events
 * arriving in either order converge on the same document: {@code status} is only ever set to ACTIVE on insert
 * (an end seen first is never undone) and always set to ENDED by an end.
 */
@Repository
class CallSessionStore implements OwnIndexes {

    private final ReactiveMongoTemplate mongo;

    CallSessionStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The unique channel index; the embedded test server and real MongoDB both honour it. */
    @Override
    public Mono<Void> ensureIndexes() {
        return mongo.indexOps(CallSession.class)
                .createIndex(new Index().on(CallSession.CHANNEL_NAME, Sort.Direction.ASC).unique()
                        .named("channelName_unique"))
                .then();
    }

    Mono<Void> accepted(String sessionId, String channelName, String userId, String astrologerId,
            Instant acceptedAt, Instant fundedUntil) {
        Update update = new Update().set(CallSession.CHANNEL_NAME, channelName).set(CallSession.USER_ID, userId)
                .set(CallSession.ASTROLOGER_ID, astrologerId).set(CallSession.ACCEPTED_AT, acceptedAt)
                .set(CallSession.FUNDED_UNTIL, fundedUntil)
                .setOnInsert(CallSession.STATUS, Status.ACTIVE.name());
        return upsert(sessionId, update);
    }

    Mono<Void> ended(String sessionId, String channelName, String userId, String astrologerId,
            Instant acceptedAt, Instant endedAt) {
        Update update = new Update().set(CallSession.CHANNEL_NAME, channelName).set(CallSession.USER_ID, userId)
                .set(CallSession.ASTROLOGER_ID, astrologerId).set(CallSession.STATUS, Status.ENDED.name())
                .set(CallSession.ENDED_AT, endedAt);
        if (acceptedAt != null) {
            update.set(CallSession.ACCEPTED_AT, acceptedAt);
        }
        return upsert(sessionId, update);
    }

    Mono<CallSession> findByChannelName(String channelName) {
        return mongo.findOne(Query.query(Criteria.where(CallSession.CHANNEL_NAME).is(channelName)), CallSession.class);
    }

    Mono<CallSession> findById(String sessionId) {
        return mongo.findById(sessionId, CallSession.class);
    }

    /**
     * Two instances inserting the same new session at once: one insert loses with a duplicate key and is
     * retried once as the update it now is. A second duplicate key means another session already owns the
     * channel name, which the caller reports.
     */
    private Mono<Void> upsert(String sessionId, Update update) {
        Query query = Query.query(Criteria.where("_id").is(sessionId));
        return mongo.upsert(query, update, CallSession.class)
                .onErrorResume(DuplicateKeyException.class, ex -> mongo.upsert(query, update, CallSession.class))
                .then();
    }
}
