package com.astro.session.promotion;

import java.time.Clock;
import java.util.Date;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import com.astro.session.config.SessionProperties;

import reactor.core.publisher.Mono;

/**
 * The platform's promotion: a user's first session bills its first {@code astro.session.free-first-minutes} minutes
 * at 0. The first session is the one that claims the user's document in {@code promotions} ({@code _id} = user id,
 * holding the session id and the minutes granted): an insert under a unique {@code _id}, so of any number of
 * sessions claiming at once exactly one wins, and a session asking again gets the same answer. Every user's first
 * accepted session claims, also while the promotion is off (0 minutes): switching it on later does not make a
 * user's later session their "first".
 */
@Component
public class FirstSessionPromotion {

    static final String COLLECTION = "promotions";

    private final ReactiveMongoTemplate mongo;

    private final SessionProperties properties;

    private final Clock clock;

    FirstSessionPromotion(ReactiveMongoTemplate mongo, SessionProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** The free minutes of the session: the promotion's if it is (or now becomes) the user's first, else 0. */
    public Mono<Long> freeMinutes(String userId, String sessionId) {
        return mongo.findById(userId, Document.class, COLLECTION)
                .switchIfEmpty(Mono.defer(() -> claim(userId, sessionId)))
                .map(claim -> sessionId.equals(claim.getString("sessionId")) ? claim.get("minutes", Number.class)
                        .longValue() : 0L);
    }

    private Mono<Document> claim(String userId, String sessionId) {
        Document claim = new Document("_id", userId).append("sessionId", sessionId)
                .append("minutes", properties.freeFirstMinutes()).append("claimedAt", Date.from(clock.instant()));
        return mongo.insert(claim, COLLECTION)
                .onErrorResume(DuplicateKeyException.class,
                        ex -> mongo.findById(userId, Document.class, COLLECTION));
    }

    /**
     * Gives the promotion back when the session that claimed it billed no minute at all (its astrologer left within
     * the first minute): the user's next session is then their first. A no-op once another session holds it.
     */
    public Mono<Void> giveBack(String userId, String sessionId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(userId).and("sessionId").is(sessionId)), COLLECTION)
                .then();
    }
}
