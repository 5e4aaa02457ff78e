package com.astro.session.rating;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

@Component
class RatingStore {

    private final ReactiveMongoTemplate mongo;

    RatingStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The rating if none exists for its session yet; empty when the session is rated (also by a concurrent call). */
    Mono<Rating> create(Rating rating) {
        return mongo.insert(rating).onErrorResume(DuplicateKeyException.class, ex -> Mono.empty());
    }

    /** The edited rating, one revision later, if it is the user's and was rated after {@code ratedAfter}; else empty. */
    Mono<Rating> edit(String sessionId, String userId, int stars, String review, Instant ratedAfter, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(sessionId).and("userId").is(userId).and("ratedAt").gt(ratedAfter));
        Update update = new Update().set("stars", stars).set("review", review).set("editedAt", now).inc("revision", 1);
        return mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), Rating.class);
    }

    Mono<Rating> find(String sessionId) {
        return mongo.findById(sessionId, Rating.class);
    }
}
