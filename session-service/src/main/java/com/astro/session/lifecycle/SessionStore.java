package com.astro.session.lifecycle;

import java.time.Instant;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.event.EndReason;
import com.astro.session.billing.Billing.Bill;
import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every state change is one conditional findAndModify on the session's current status: of any number of
 * concurrent callers exactly one gets the new document back; the others get nothing and re-read.
 */
@Component
class SessionStore implements OwnIndexes {

    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private final ReactiveMongoTemplate mongo;

    private final DueSessions due;

    SessionStore(ReactiveMongoTemplate mongo, DueSessions due) {
        this.mongo = mongo;
        this.due = due;
    }

    /** A participant's listing, newest first, as user or as astrologer. */
    @Override
    public Mono<Void> ensureIndexes() {
        return Flux.concat(
                mongo.indexOps(Session.class).createIndex(new Index().on("userId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)),
                mongo.indexOps(Session.class).createIndex(new Index().on("astrologerId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)))
                .then();
    }

    /** Stores a new session, listed for the sweeper first (so a crash in between leaves no unlisted session). */
    Mono<Session> insert(Session session, Instant firstDue) {
        return due.list(session.id(), session.createdAt(), firstDue).then(mongo.insert(session));
    }

    Mono<Session> find(String id) {
        return mongo.findById(id, Session.class);
    }

    /** pending and unexpired → active, for the session's astrologer. */
    Mono<Session> accept(String id, String astrologerId, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.PENDING)
                .and("astrologerId").is(astrologerId).and("expiresAt").gt(now));
        Update update = new Update().set("status", SessionStatus.ACTIVE).set("acceptedAt", now)
                .set("acceptedBy", astrologerId).set("channelName", Session.channelNameFor(id))
                .set("acceptedEventId", UUID.randomUUID().toString()).set("acceptedPublished", false);
        return mongo.findAndModify(query, update, RETURN_NEW, Session.class);
    }

    /**
     * active → pending again, for an acceptance the broker never acknowledged: only while it is still the same
     * acceptance and unannounced, so an end or a repair that got there first is never undone.
     */
    Mono<Session> unaccept(Session accepted) {
        Query query = Query.query(Criteria.where("_id").is(accepted.id()).and("status").is(SessionStatus.ACTIVE)
                .and("acceptedEventId").is(accepted.acceptedEventId()).and("acceptedPublished").is(false));
        Update update = new Update().set("status", SessionStatus.PENDING).unset("acceptedAt").unset("acceptedBy")
                .unset("channelName").unset("acceptedEventId");
        return mongo.findAndModify(query, update, RETURN_NEW, Session.class);
    }

    /** pending → ended without billing (rejected, cancelled, expired). Expiry passes {@code expiredBy}. */
    Mono<Session> endPending(String id, EndReason reason, String endedBy, Instant now, Instant expiredBy) {
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
    Mono<Session> beginEnding(String id, Bill bill, String endedBy, Instant now) {
        // due at once first: an active session may have been put off for long, and what ending leaves half done
        // (a crash before ended) must be repaired within the grace
        return due.postpone(id, now).then(Mono.defer(() -> ending(id, bill, endedBy, now)));
    }

    private Mono<Session> ending(String id, Bill bill, String endedBy, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.ACTIVE));
        Update update = new Update().set("status", SessionStatus.ENDING).set("endedAt", bill.endedAt())
                .set("endReason", bill.reason()).set("endedBy", endedBy).set("billedMinutes", bill.minutes())
                .set("freeMinutes", bill.freeMinutes()).set("coinsCharged", bill.coins()).set("finalizedAt", now)
                .set("endedEventId", UUID.randomUUID().toString()).set("endedPublished", false);
        return mongo.findAndModify(query, update, RETURN_NEW, Session.class);
    }

    /**
     * Records that the active session's balance runs out at {@code runsOutAt}, soon, announced by event
     * {@code eventId}; matches nothing when that point was announced already (or the session is no longer active),
     * so of concurrent sweepers one announces it.
     */
    Mono<Session> warnLowBalance(String id, Instant runsOutAt, String eventId) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.ACTIVE)
                .and("lowBalanceRunsOutAt").ne(runsOutAt));
        Update update = new Update().set("lowBalanceRunsOutAt", runsOutAt).push("lowBalanceEventIds", eventId);
        return mongo.findAndModify(query, update, RETURN_NEW, Session.class);
    }

    /** ending → ended, once the charge is applied and the holders released; the winner publishes. */
    Mono<Session> finishEnding(String id) {
        Query query = Query.query(Criteria.where("_id").is(id).and("status").is(SessionStatus.ENDING));
        return mongo.findAndModify(query, new Update().set("status", SessionStatus.ENDED), RETURN_NEW, Session.class);
    }

    Mono<Void> markPublished(String id, String flag) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), Update.update(flag, true), Session.class)
                .then();
    }

    /**
     * The listed sessions due by {@code now}. An entry whose session does not exist (the instance died between
     * listing and storing it) is dropped once it is older than {@code abandonedBefore}.
     */
    Flux<Session> due(Instant now, Instant abandonedBefore, int limit) {
        return due.dueBy(now, limit).concatMap(entry -> mongo.findById(entry.sessionId(), Session.class)
                .switchIfEmpty(Mono.defer(() -> entry.since().isAfter(abandonedBefore) ? Mono.empty()
                        : due.delist(entry.sessionId()).then(Mono.empty()))));
    }

    /** The sweeper has nothing to do for the session before {@code dueAt}. */
    Mono<Void> postpone(String id, Instant dueAt) {
        return due.postpone(id, dueAt);
    }

    /** The active session needs nothing before {@code dueAt}, unless it was listed as due after {@code now} since. */
    Mono<Void> putOff(String id, Instant now, Instant dueAt) {
        return due.putOff(id, now, dueAt);
    }

    /** The session is ended, announced and holds nothing: the sweeper stops looking at it. */
    Mono<Void> settled(String id) {
        return due.delist(id);
    }

    /**
     * Lists every session that is not yet settled, due at once: sessions stored before the list existed, or
     * anything a lost write left unlisted. One scan of the sessions, run when an instance starts.
     */
    Mono<Long> listUnsettled() {
        Criteria unsettled = new Criteria().orOperator(Criteria.where("status").ne(SessionStatus.ENDED),
                Criteria.where("requestedPublished").is(false), Criteria.where("endedPublished").is(false),
                Criteria.where("acceptedAt").ne(null).and("acceptedPublished").is(false));
        Query query = Query.query(unsettled);
        query.fields().include("_id", "createdAt");
        return mongo.find(query, Document.class, "sessions")
                .concatMap(doc -> due.list(doc.get("_id").toString(), doc.getDate("createdAt").toInstant(), Instant.EPOCH).thenReturn(1))
                .count();
    }

    /** The caller's sessions as user or astrologer, newest first. */
    Flux<Session> ofParticipant(String participantId, SessionStatus status, int page, int size) {
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
