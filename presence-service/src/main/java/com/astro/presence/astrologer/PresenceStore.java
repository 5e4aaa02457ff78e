package com.astro.presence.astrologer;

import static com.astro.presence.astrologer.AstrologerPresence.BUSY;
import static com.astro.presence.astrologer.AstrologerPresence.CHANGED_AT;
import static com.astro.presence.astrologer.AstrologerPresence.CONNECTION_LOST;
import static com.astro.presence.astrologer.AstrologerPresence.CURRENT_SESSION_ID;
import static com.astro.presence.astrologer.AstrologerPresence.DISCONNECTED_SINCE;
import static com.astro.presence.astrologer.AstrologerPresence.DISPLAY_NAME;
import static com.astro.presence.astrologer.AstrologerPresence.ENDED_SESSIONS;
import static com.astro.presence.astrologer.AstrologerPresence.ENDED_SESSIONS_KEPT;
import static com.astro.presence.astrologer.AstrologerPresence.ID;
import static com.astro.presence.astrologer.AstrologerPresence.LAST_SEEN;
import static com.astro.presence.astrologer.AstrologerPresence.ONLINE;
import static com.astro.presence.astrologer.AstrologerPresence.RATES;
import static com.astro.presence.astrologer.AstrologerPresence.RATING_AVERAGE;
import static com.astro.presence.astrologer.AstrologerPresence.RATING_COUNT;
import static com.astro.presence.astrologer.AstrologerPresence.UNPUBLISHED;
import static com.astro.presence.astrologer.AstrologerPresence.VERSION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.event.Rates;
import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every change to an astrologer's presence is one conditional, single-document findAndModify that
 * increments {@code version} and returns the new document, or matches nothing when the change would
 * change nothing (then the Mono is empty and no event is published). The record is created (upsert) the
 * first time an astrologer is seen; two creators racing collide on {@code _id} and the loser applies its
 * change to the winner's record instead.
 */
@Component
public class PresenceStore implements OwnIndexes {

    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private static final FindAndModifyOptions UPSERT_RETURN_NEW = FindAndModifyOptions.options().returnNew(true).upsert(true);

    private final ReactiveMongoTemplate mongo;

    PresenceStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The online list, the sweeper's grace clocks and its republishing read these on every request or sweep. */
    @Override
    public Mono<Void> ensureIndexes() {
        return Flux.concat(
                mongo.indexOps(AstrologerPresence.class).createIndex(new Index(ONLINE, Sort.Direction.ASC)),
                mongo.indexOps(AstrologerPresence.class).createIndex(new Index(DISCONNECTED_SINCE, Sort.Direction.ASC).sparse()),
                mongo.indexOps(AstrologerPresence.class).createIndex(new Index(UNPUBLISHED, Sort.Direction.ASC)))
                .then();
    }

    Mono<AstrologerPresence> findById(String id) {
        return mongo.findById(id, AstrologerPresence.class);
    }

    Flux<AstrologerPresence> findOnline() {
        return mongo.find(Query.query(Criteria.where(ONLINE).is(true)).with(Sort.by(ID)), AstrologerPresence.class);
    }

    /** Online, with {@code lastSeen} now; a no-op when already online under the same name. */
    Mono<AstrologerPresence> goOnline(String id, String displayName, Instant now) {
        Update update = change(now).set(ONLINE, true).set(LAST_SEEN, now).unset(DISCONNECTED_SINCE)
                .set(CONNECTION_LOST, false).setOnInsert(BUSY, false);
        return upsertIfChanged(id, differs(ONLINE, true, displayName), withName(update, displayName));
    }

    /** Offline, with {@code lastSeen} now; a no-op when already offline under the same name. */
    Mono<AstrologerPresence> goOffline(String id, String displayName, Instant now) {
        Update update = change(now).set(ONLINE, false).set(LAST_SEEN, now).unset(DISCONNECTED_SINCE)
                .set(CONNECTION_LOST, false).setOnInsert(BUSY, false);
        return upsertIfChanged(id, differs(ONLINE, false, displayName), withName(update, displayName));
    }

    /** Replaces the published rates; a no-op when they (and the name) are unchanged. */
    Mono<AstrologerPresence> setRates(String id, Rates rates, String displayName, Instant now) {
        List<Criteria> differences = new ArrayList<>(List.of(
                Criteria.where(RATES + ".chat").ne(rates.chat()),
                Criteria.where(RATES + ".audio").ne(rates.audio()),
                Criteria.where(RATES + ".video").ne(rates.video())));
        if (displayName != null) {
            differences.add(Criteria.where(DISPLAY_NAME).ne(displayName));
        }
        Update update = change(now).set(RATES, rates).setOnInsert(ONLINE, false).setOnInsert(BUSY, false);
        return upsertIfChanged(id, new Criteria().orOperator(differences), withName(update, displayName));
    }

    /** The users' rating summary; a no-op when unchanged. */
    public Mono<AstrologerPresence> setRating(String id, long count, Double average, Instant now) {
        Criteria differs = new Criteria().orOperator(Criteria.where(RATING_COUNT).ne(count),
                Criteria.where(RATING_AVERAGE).ne(average));
        Update update = change(now).set(RATING_COUNT, count).set(RATING_AVERAGE, average).setOnInsert(ONLINE, false)
                .setOnInsert(BUSY, false);
        return upsertIfChanged(id, differs, update);
    }

    /** Creates an offline record without publishing, so that a session event can attach to it; no-op if it exists. */
    public Mono<Void> ensureExists(String id, Instant now) {
        Update onlyIfNew = new Update().setOnInsert(ONLINE, false).setOnInsert(BUSY, false).setOnInsert(VERSION, 0L)
                .setOnInsert(CHANGED_AT, now).setOnInsert(UNPUBLISHED, false);
        return mongo.upsert(Query.query(Criteria.where(ID).is(id)), onlyIfNew, AstrologerPresence.class)
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.empty())
                .then();
    }

    /** Busy in {@code sessionId}; a no-op when already in it or when that session is known to have ended. */
    public Mono<AstrologerPresence> busy(String id, String sessionId, Instant now) {
        Query query = Query.query(Criteria.where(ID).is(id).and(CURRENT_SESSION_ID).ne(sessionId)
                .and(ENDED_SESSIONS).ne(sessionId));
        return mongo.findAndModify(query, change(now).set(BUSY, true).set(CURRENT_SESSION_ID, sessionId), RETURN_NEW,
                AstrologerPresence.class);
    }

    /**
     * Remembers on the astrologer's own record that {@code sessionId} ended, so that a late acceptance of it,
     * checked in the same document, is refused atomically. Not a published change.
     */
    public Mono<Void> rememberEnded(String id, String sessionId) {
        Query query = Query.query(Criteria.where(ID).is(id).and(ENDED_SESSIONS).ne(sessionId));
        Update update = new Update().push(ENDED_SESSIONS).slice(-ENDED_SESSIONS_KEPT).each(sessionId);
        return mongo.updateFirst(query, update, AstrologerPresence.class).then();
    }

    /** Free again, only if still in {@code sessionId} (a newer session is left alone). */
    public Mono<AstrologerPresence> free(String id, String sessionId, Instant now) {
        Query query = Query.query(Criteria.where(ID).is(id).and(CURRENT_SESSION_ID).is(sessionId));
        return mongo.findAndModify(query, change(now).set(BUSY, false).unset(CURRENT_SESSION_ID), RETURN_NEW,
                AstrologerPresence.class);
    }

    /** Starts the disconnect grace clock of an online astrologer, unless it already runs. */
    public Mono<Void> markDisconnected(String id, Instant since) {
        Query query = Query.query(Criteria.where(ID).is(id).and(ONLINE).is(true).and(DISCONNECTED_SINCE).is(null));
        return mongo.updateFirst(query, new Update().set(DISCONNECTED_SINCE, since), AstrologerPresence.class).then();
    }

    /** Stops the disconnect grace clock (a connection is back). */
    public Mono<Void> clearDisconnected(String id) {
        Query query = Query.query(Criteria.where(ID).is(id).and(DISCONNECTED_SINCE).ne(null));
        return mongo.updateFirst(query, new Update().unset(DISCONNECTED_SINCE), AstrologerPresence.class).then();
    }

    /** Stops the grace clock only if it is still the one started at {@code since}. */
    public Mono<Void> clearDisconnected(String id, Instant since) {
        Query query = Query.query(Criteria.where(ID).is(id).and(DISCONNECTED_SINCE).is(since));
        return mongo.updateFirst(query, new Update().unset(DISCONNECTED_SINCE), AstrologerPresence.class).then();
    }

    /** Online astrologers whose grace clock started at or before {@code cutoff}. */
    public Flux<AstrologerPresence> findDisconnectedSince(Instant cutoff) {
        return mongo.find(Query.query(Criteria.where(ONLINE).is(true).and(DISCONNECTED_SINCE).lte(cutoff)),
                AstrologerPresence.class);
    }

    /**
     * Offline because the grace period ran out, last seen when the last connection went away. Conditional
     * on the same grace clock, so that of several sweepers exactly one succeeds and a reconnect (which
     * clears the clock) wins over a sweeper that read stale state.
     */
    public Mono<AstrologerPresence> goOfflineAfterGrace(String id, Instant disconnectedSince, Instant now) {
        Query query = Query.query(Criteria.where(ID).is(id).and(ONLINE).is(true).and(DISCONNECTED_SINCE).is(disconnectedSince));
        Update update = change(now).set(ONLINE, false).set(LAST_SEEN, disconnectedSince).unset(DISCONNECTED_SINCE)
                .set(CONNECTION_LOST, true);
        return mongo.findAndModify(query, update, RETURN_NEW, AstrologerPresence.class);
    }

    /**
     * Applies the change to an existing record if it changes something; creates the record if there is none.
     * Two creators racing collide on {@code _id}; the loser then applies its change to the winner's record.
     */
    private Mono<AstrologerPresence> upsertIfChanged(String id, Criteria differs, Update update) {
        Query query = Query.query(Criteria.where(ID).is(id)).addCriteria(differs);
        Mono<AstrologerPresence> changeExisting = mongo.findAndModify(query, update, RETURN_NEW, AstrologerPresence.class);
        return changeExisting.switchIfEmpty(Mono.defer(() -> mongo.exists(Query.query(Criteria.where(ID).is(id)),
                        AstrologerPresence.class)
                .flatMap(exists -> exists ? Mono.<AstrologerPresence>empty()
                        // _id stays a top-level equality so that the upsert takes it for the new document
                        : mongo.findAndModify(query, update, UPSERT_RETURN_NEW, AstrologerPresence.class)
                                .onErrorResume(DuplicateKeyException.class, ex -> changeExisting))));
    }

    private static Criteria differs(String field, boolean value, String displayName) {
        Criteria stateDiffers = Criteria.where(field).ne(value);
        return displayName == null ? stateDiffers
                : new Criteria().orOperator(stateDiffers, Criteria.where(DISPLAY_NAME).ne(displayName));
    }

    private static Update change(Instant now) {
        return new Update().inc(VERSION, 1).set(CHANGED_AT, now).set(UNPUBLISHED, true);
    }

    /** The event of {@code version} was acknowledged; a newer change keeps its own flag until its event is. */
    Mono<Void> markPublished(String id, long version) {
        Query query = Query.query(Criteria.where(ID).is(id).and(VERSION).is(version).and(UNPUBLISHED).is(true));
        return mongo.updateFirst(query, new Update().set(UNPUBLISHED, false), AstrologerPresence.class).then();
    }

    /** Changes whose event has not been acknowledged although they are older than {@code changedBefore}. */
    Flux<AstrologerPresence> findUnpublished(Instant changedBefore) {
        return mongo.find(Query.query(Criteria.where(UNPUBLISHED).is(true).and(CHANGED_AT).lt(changedBefore)),
                AstrologerPresence.class);
    }

    private static Update withName(Update update, String displayName) {
        return displayName == null ? update : update.set(DISPLAY_NAME, displayName);
    }
}
