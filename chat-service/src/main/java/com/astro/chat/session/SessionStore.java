package com.astro.chat.session;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;

import reactor.core.publisher.Mono;

/**
 * The session read model. Every change is one upsert of one document that sets the facts the event carries and
 * raises {@code stage} with {@code $max}: events applied in any order, any number of times, by any number of
 * instances, converge on the same document.
 * <p>
 * Active sessions are also held in memory, once read or told here ({@link #acceptedHere}): every message checks its
 * session, and a Mongo read per message was a fifth of the hot path. Only the active stage is cached, because it is
 * the only one that a later event can undo and every instance applies that event here ({@link #ended}, from its
 * own fan-out consumer): the end marks the session as ended in memory before the write, so a read of the old
 * "active" document racing it is never cached.
 */
@Repository
class SessionStore {

    private final ReactiveMongoTemplate mongo;

    private final ActiveSessions active = new ActiveSessions();

    SessionStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<ChatSession> find(String sessionId) {
        ChatSession cached = active.get(sessionId);
        if (cached != null) {
            return Mono.just(cached);
        }
        return mongo.findById(sessionId, ChatSession.class).doOnNext(active::remember);
    }

    /** Applies the request. */
    Mono<Void> requested(SessionRequested event) {
        Update update = participants(event.userId(), event.astrologerId(), event.sessionType().wireName(),
                event.ratePerMinute())
                .set("expiresAt", event.expiresAt())
                .max("stage", ChatSession.REQUESTED);
        return upsert(event.sessionId(), update);
    }

    /** Applies the acceptance. */
    Mono<Void> accepted(SessionAccepted event) {
        Update update = participants(event.userId(), event.astrologerId(), event.sessionType().wireName(),
                event.ratePerMinute())
                .set("acceptedAt", event.acceptedAt())
                .set("channelName", event.channelName())
                .max("stage", ChatSession.ACCEPTED);
        return upsert(event.sessionId(), update);
    }

    /** Whether, as far as this instance has seen, the session still waits for its astrologer. */
    boolean pendingHere(String sessionId) {
        return active.get(sessionId) == null && !active.hasEnded(sessionId);
    }

    /**
     * Holds the acceptance in memory ahead of its write, so that a participant told of it can join here at once;
     * false, holding nothing, when this instance has seen the session end.
     */
    boolean acceptedHere(SessionAccepted event) {
        if (active.hasEnded(event.sessionId())) {
            return false;
        }
        active.remember(new ChatSession(event.sessionId(), event.userId(), event.astrologerId(),
                event.sessionType().wireName(), event.ratePerMinute(), ChatSession.ACCEPTED, null, event.acceptedAt(),
                event.channelName(), null, null));
        return true;
    }

    Mono<Void> ended(SessionEnded event) {
        active.ended(event.sessionId());
        Update update = participants(event.userId(), event.astrologerId(),
                event.sessionType() == null ? null : event.sessionType().wireName(), event.ratePerMinute())
                .set("endedAt", event.endedAt() != null ? event.endedAt() : event.occurredAt())
                .set("endReason", event.reason() == null ? null : event.reason().wireName())
                .max("stage", ChatSession.ENDED);
        if (event.acceptedAt() != null) {
            update.set("acceptedAt", event.acceptedAt());
        }
        if (event.channelName() != null) {
            update.set("channelName", event.channelName());
        }
        return upsert(event.sessionId(), update);
    }

    private static Update participants(String userId, String astrologerId, String sessionType, long rate) {
        Update update = new Update().set("userId", userId).set("astrologerId", astrologerId);
        if (sessionType != null) {
            update.set("sessionType", sessionType);
        }
        if (rate > 0) {
            update.set("ratePerMinute", rate);
        }
        return update;
    }

    /** Two instances inserting the same new session at once: the loser retries once as the update it now is. */
    private Mono<Void> upsert(String sessionId, Update update) {
        Query query = Query.query(Criteria.where("_id").is(sessionId));
        return mongo.upsert(query, update, ChatSession.class)
                .onErrorResume(DuplicateKeyException.class, ex -> mongo.upsert(query, update, ChatSession.class))
                .then();
    }
}
