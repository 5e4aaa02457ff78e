package com.astro.presence.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.presence.astrologer.PresencePublisher;
import com.astro.presence.astrologer.PresenceStore;
import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Mono;

/**
 * Busy and free from session events, idempotent and in any order. Each handler first records what it saw
 * in the session's record. The end handler then adds the session to the astrologer's own list of ended
 * sessions and frees the astrologer only while they are in that very session; acceptance sets busy only if
 * the astrologer's record does not list the session as ended, a check made in the same atomic update. As a
 * last guard (an astrologer with no record yet has no list), acceptance looks at the session's record again
 * after setting busy and frees the astrologer if the end was seen meanwhile. Either way the astrologer cannot
 * stay busy in an ended session.
 */
@Component
class BusyTracker implements OwnIndexes {

    private static final Logger log = LoggerFactory.getLogger(BusyTracker.class);

    /** A session's record only matters while its events may still arrive: days at most. */
    private static final Duration SESSION_RECORD_TTL = Duration.ofDays(7);

    private final ReactiveMongoTemplate mongo;

    private final PresenceStore store;

    private final PresencePublisher publisher;

    private final Clock clock;

    BusyTracker(ReactiveMongoTemplate mongo, PresenceStore store, PresencePublisher publisher, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Mono<Void> ensureIndexes() {
        return mongo.indexOps(SessionRecord.class)
                .createIndex(new Index("firstSeenAt", Sort.Direction.ASC).expire(SESSION_RECORD_TTL)).then();
    }

    Mono<Void> accepted(SessionAccepted event) {
        Instant now = clock.instant();
        return record(event.sessionId(), event.astrologerId(), "acceptedSeenAt", now)
                .flatMap(session -> {
                    if (session.ended()) {
                        log.debug("session {} accepted after it ended; astrologer {} stays free", event.sessionId(),
                                event.astrologerId());
                        return Mono.empty();
                    }
                    return store.ensureExists(event.astrologerId(), now)
                            .then(store.busy(event.astrologerId(), event.sessionId(), now))
                            .flatMap(publisher::publish)
                            .then(endedMeanwhile(event.sessionId()))
                            .flatMap(ended -> ended ? free(event.astrologerId(), event.sessionId()) : Mono.empty());
                })
                .then();
    }

    Mono<Void> ended(SessionEnded event) {
        return record(event.sessionId(), event.astrologerId(), "endedSeenAt", clock.instant())
                .then(store.rememberEnded(event.astrologerId(), event.sessionId()))
                .then(free(event.astrologerId(), event.sessionId()));
    }

    private Mono<Void> free(String astrologerId, String sessionId) {
        return store.free(astrologerId, sessionId, clock.instant()).flatMap(publisher::publish).then();
    }

    private Mono<Boolean> endedMeanwhile(String sessionId) {
        return mongo.findById(sessionId, SessionRecord.class).map(SessionRecord::ended).defaultIfEmpty(false);
    }

    /** Notes the first time this kind of event was seen for the session; a redelivery keeps the first time. */
    private Mono<SessionRecord> record(String sessionId, String astrologerId, String seenField, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(sessionId));
        Update update = new Update().setOnInsert("astrologerId", astrologerId).setOnInsert("firstSeenAt", now)
                .min(seenField, now);
        return mongo.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                SessionRecord.class);
    }
}
