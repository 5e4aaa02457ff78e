package com.astro.session.presence;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;

import reactor.core.publisher.Mono;

/**
 * The astrologer read model. An event is kept only if its version is higher than the stored one: the conditional
 * upsert matches nothing on a newer record and then collides on {@code _id}, which means "already newer".
 * Redelivered and out-of-order events therefore change nothing.
 */
@Component
public class AstrologerDirectory {

    private final ReactiveMongoTemplate mongo;

    AstrologerDirectory(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<KnownAstrologer> find(String astrologerId) {
        return mongo.findById(astrologerId, KnownAstrologer.class);
    }

    /** Stores the event if it is newer; emits true when it was stored. */
    public Mono<Boolean> apply(PresenceChanged event) {
        Query newer = Query.query(Criteria.where("_id").is(event.astrologerId()).and("version").lt(event.version()));
        Update update = new Update()
                .set("displayName", event.displayName())
                .set("online", event.online())
                .set("busy", event.busy())
                .set("currentSessionId", event.currentSessionId())
                .set("rates", event.rates() == null ? Rates.NONE : event.rates())
                .set("version", event.version());
        return mongo.upsert(newer, update, KnownAstrologer.class)
                .map(result -> true)
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.just(false));
    }
}
