package com.astro.presence.rating;

import java.time.Clock;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.event.SessionRated;
import com.astro.presence.astrologer.PresencePublisher;
import com.astro.presence.astrologer.PresenceStore;
import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Mono;

/**
 * Keeps each astrologer's rating count and average from {@code session-rated}: a session's stars are replaced only by
 * a higher revision (an edit), then the summary is computed again from every rated session of the astrologer and
 * stored, published as a presence change when it differs. Recomputing instead of adding makes a redelivered or late
 * event harmless: it changes nothing, or leaves the summary as the stored ratings say.
 */
@Component
class RatingTracker implements OwnIndexes {

    private final ReactiveMongoTemplate mongo;

    private final PresenceStore store;

    private final PresencePublisher publisher;

    private final Clock clock;

    RatingTracker(ReactiveMongoTemplate mongo, PresenceStore store, PresencePublisher publisher, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** An astrologer's rated sessions, read to compute the average after each rating. */
    @Override
    public Mono<Void> ensureIndexes() {
        return mongo.indexOps(SessionRating.class).createIndex(new Index("astrologerId", Sort.Direction.ASC)).then();
    }

    Mono<Void> rated(SessionRated event) {
        Query olderRevision = Query.query(Criteria.where("_id").is(event.sessionId()).and("revision").lt(event.revision()));
        Update current = new Update().set("astrologerId", event.astrologerId()).set("stars", event.stars())
                .set("revision", event.revision());
        return mongo.upsert(olderRevision, current, SessionRating.class)
                // the session already holds this revision or a later one: nothing to replace
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.empty())
                .then(mongo.find(Query.query(Criteria.where("astrologerId").is(event.astrologerId())), SessionRating.class)
                        .map(SessionRating::stars).collectList())
                .flatMap(stars -> store.setRating(event.astrologerId(), stars.size(), average(stars), clock.instant()))
                .flatMap(publisher::publish)
                .then();
    }

    /** Two decimals; null for no ratings. */
    static Double average(List<Integer> stars) {
        if (stars.isEmpty()) {
            return null;
        }
        long sum = stars.stream().mapToLong(Integer::longValue).sum();
        return Math.round(sum * 100.0 / stars.size()) / 100.0;
    }
}
