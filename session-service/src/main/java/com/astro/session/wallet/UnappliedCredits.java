package com.astro.session.wallet;

import java.time.Instant;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Credits being recorded and applied, listed in {@code ledger_unapplied} ({@code _id} = ledger entry id) before
 * the entry is written and delisted once the wallet holds it. The repair reads this small list instead of querying
 * the whole ledger for unapplied entries, which the embedded Mongo server answers by scanning every entry ever made.
 */
final class UnappliedCredits {

    static final String COLLECTION = "ledger_unapplied";

    private final ReactiveMongoTemplate mongo;

    UnappliedCredits(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<Void> list(String entryId, Instant since) {
        return mongo.upsert(Query.query(Criteria.where("_id").is(entryId)), new Update().setOnInsert("since", since),
                COLLECTION).onErrorResume(DuplicateKeyException.class, ex -> Mono.empty()).then();
    }

    Flux<String> listedBefore(Instant before, int limit) {
        return mongo.find(Query.query(Criteria.where("since").lte(before)).limit(limit), Document.class, COLLECTION)
                .map(doc -> doc.getString("_id"));
    }

    Mono<Void> delist(String entryId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(entryId)), COLLECTION).then();
    }
}
