package com.astro.session.session;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.event.EndReason;
import com.astro.session.billing.Billing.Bill;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every state change is one conditional findAndModify on the session's current status: of any number of
 * concurrent callers exactly one gets the new document back; the others get nothing and re-read.
 */
@Component
public class SessionStore {

    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private final ReactiveMongoTemplate mongo;

    public SessionStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Session> insert(Session session) {
        return mongo.insert(session);
    }

    public Mono<Session> find(String id) {
        return mongo.findById(id, Session.class);
    }

    /** pending and unexpired → active, for the session's astrologer. */
    public Mono<Session> accept(String id, String astrologerId, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.PENDING)
                .and("astrologerId").is(astrologerId).and("expiresAt").gt(now));
        Update update = new Update().set("status", SessionStatus.ACTIVE).set("acceptedAt", now)
                .set("acceptedBy", astrologerId).set("channelName", Session.channelNameFor(id))
                .set("acceptedEventId", UUID.randomUUID().toString()).set("acceptedPublished", false);
        return mongo.findAndModify(query, update, RETURN_NEW, Session.class);
    }

    /** pending → ended without billing (rejected, cancelled, expired). Expiry passes {@code expiredBy}. */
    public Mono<Session> endPending(String id, EndReason reason, String endedBy, Instant now, Instant expiredBy) {
        Criteria criteria = Criteria.where("_id").is(id).and("status").is(SessionStatus.PENDING);
        if (expiredBy != null) {
            criteria = criteria.and("expiresAt").lte(expiredBy);
        }
        Update update = new Update().set("status", SessionStatus.ENDED).set("endedAt", now).set("endReason", reason)
                .set("endedBy", endedBy).set("billedMinutes", 0L).set("coinsCharged", 0L).set("finalizedAt", now)
                .set("endedEventId", UUID.randomUUID().toString()).set("endedPublished", false);
        return mongo.findAndModify(Query.query(criteria), update, RETURN_NEW, Session.class);
    }

    /** active → ending with its bill fixed; only one caller ever wins, so only one bill exists. */
    public Mono<Session> beginEnding(String id, Bill bill, String endedBy, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.ACTIVE));
        Update update = new Update().set("status", SessionStatus.ENDING).set("endedAt", bill.endedAt())
                .set("endReason", bill.reason()).set("endedBy", endedBy).set("billedMinutes", bill.minutes())
                .set("coinsCharged", bill.coins()).set("finalizedAt", now)
                .set("endedEventId", UUID.randomUUID().toString()).set("endedPublished", false);
        return mongo.findAndModify(query, update, RETURN_NEW, Session.class);
    }

    /** ending → ended, once the charge is applied and the holders released; the winner publishes. */
    public Mono<Session> finishEnding(String id) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.ENDING));
        return mongo.findAndModify(query, new Update().set("status", SessionStatus.ENDED), RETURN_NEW, Session.class);
    }

    public Mono<Void> markPublished(String id, String flag) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update(flag, true), Session.class)
                .then();
    }

    public Flux<Session> expiredPending(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(SessionStatus.PENDING).and("expiresAt").lte(now))
                .limit(limit), Session.class);
    }

    public Flux<Session> withStatus(SessionStatus status, int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(status)).limit(limit), Session.class);
    }

    public Flux<Session> endingSince(Instant before, int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(SessionStatus.ENDING).and("finalizedAt").lte(before))
                .limit(limit), Session.class);
    }

    /** Sessions whose event of {@code flag} is unannounced since before {@code before} (by {@code timeField}). */
    public Flux<Session> unpublished(String flag, String timeField, Instant before, int limit) {
        Criteria criteria = Criteria.where(flag).is(false).and(timeField).lte(before);
        if ("endedPublished".equals(flag)) {
            criteria = criteria.and("status").is(SessionStatus.ENDED);
        }
        return mongo.find(Query.query(criteria).limit(limit), Session.class);
    }

    /** The caller's sessions as user or astrologer, newest first. */
    public Flux<Session> ofParticipant(String participantId, SessionStatus status, int page, int size) {
        Criteria criteria = new Criteria().orOperator(Criteria.where("userId").is(participantId),
                Criteria.where("astrologerId").is(participantId));
        if (status != null) {
            criteria = new Criteria().andOperator(criteria, Criteria.where("status").is(status));
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .skip((long) page * size).limit(size);
        return mongo.find(query, Session.class);
    }
}
