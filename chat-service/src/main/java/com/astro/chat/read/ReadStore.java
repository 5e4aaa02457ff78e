package com.astro.chat.read;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Read positions, one document per session and reader, read and written by id only. */
@Repository
class ReadStore {

    private static final FindAndModifyOptions UPSERT_RETURN_OLD = FindAndModifyOptions.options().upsert(true)
            .returnNew(false);

    private final ReactiveMongoTemplate mongo;

    ReadStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Raises the reader's position to {@code seq} in one atomic update and answers where it stood before (0 if
     * nowhere): the caller learns whether this mark moved it, even when marks race.
     */
    Mono<Long> raise(String sessionId, String readerId, long seq) {
        Query query = Query.query(Criteria.where("_id").is(ReadPosition.id(sessionId, readerId)));
        Update update = new Update().max("seq", seq).setOnInsert("sessionId", sessionId)
                .setOnInsert("readerId", readerId);
        // two first marks of one reader race on the _id: the loser's raise applies to the winner's document
        return mongo.findAndModify(query, update, UPSERT_RETURN_OLD, ReadPosition.class)
                .onErrorResume(DuplicateKeyException.class,
                        ex -> mongo.findAndModify(query, update, UPSERT_RETURN_OLD, ReadPosition.class))
                .map(ReadPosition::seq)
                .defaultIfEmpty(0L);
    }

    /** The reader's position, 0 before any mark. */
    Mono<Long> position(String sessionId, String readerId) {
        return mongo.findById(ReadPosition.id(sessionId, readerId), ReadPosition.class).map(ReadPosition::seq)
                .defaultIfEmpty(0L);
    }
}
