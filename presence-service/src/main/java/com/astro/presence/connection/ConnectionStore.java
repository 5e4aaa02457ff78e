package com.astro.presence.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Storage of astrologers' connection sets and of chat instances. A connection set changes by optimistic
 * read-modify-write on its {@code rev}: connection events (keyed by user), heartbeats (keyed by instance) and
 * sweepers may touch the same set at once, and a lost race simply re-reads and re-applies.
 */
@Component
class ConnectionStore implements OwnIndexes {

    private static final int MAX_ATTEMPTS = 50;

    private final ReactiveMongoTemplate mongo;

    ConnectionStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Every heartbeat and every dead instance looks up the connections on an instance; every sweep the expired. */
    @Override
    public Mono<Void> ensureIndexes() {
        return Flux.concat(
                mongo.indexOps(AstrologerConnections.class).createIndex(new Index("connections.instanceId", Sort.Direction.ASC)),
                mongo.indexOps(ChatInstance.class).createIndex(new Index("expiresAt", Sort.Direction.ASC)))
                .then();
    }

    /** The set before and after a change. */
    record Transition(AstrologerConnections before, AstrologerConnections after) {

        boolean emptied() {
            return !before.isEmpty() && after.isEmpty();
        }

        boolean filled() {
            return before.isEmpty() && !after.isEmpty();
        }
    }

    Mono<AstrologerConnections> find(String astrologerId) {
        return mongo.findById(astrologerId, AstrologerConnections.class)
                .defaultIfEmpty(AstrologerConnections.none(astrologerId));
    }

    Flux<AstrologerConnections> findOnInstance(String instanceId) {
        return mongo.find(Query.query(Criteria.where("connections.instanceId").is(instanceId)),
                AstrologerConnections.class);
    }

    Mono<Transition> modify(String astrologerId, UnaryOperator<AstrologerConnections> change) {
        return modify(astrologerId, change, 1);
    }

    private Mono<Transition> modify(String astrologerId, UnaryOperator<AstrologerConnections> change, int attempt) {
        return mongo.findById(astrologerId, AstrologerConnections.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> {
                    AstrologerConnections before = stored.orElseGet(() -> AstrologerConnections.none(astrologerId));
                    AstrologerConnections after = change.apply(before);
                    if (after.sameConnectionsAs(before)) {
                        return Mono.just(new Transition(before, before));
                    }
                    return write(stored.isPresent(), before, after).flatMap(written -> {
                        if (written) {
                            return Mono.just(new Transition(before, after));
                        }
                        if (attempt >= MAX_ATTEMPTS) {
                            return Mono.error(new IllegalStateException(
                                    "connections of " + astrologerId + " kept changing; giving up after " + attempt));
                        }
                        return modify(astrologerId, change, attempt + 1);
                    });
                });
    }

    private Mono<Boolean> write(boolean exists, AstrologerConnections before, AstrologerConnections after) {
        if (!exists) {
            return mongo.insert(new AstrologerConnections(after.id(), after.connections(), after.closed(), 1))
                    .thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, ex -> Mono.just(false));
        }
        Query sameRevision = Query.query(Criteria.where("_id").is(before.id()).and("rev").is(before.rev()));
        Update update = new Update().set("connections", after.connections()).set("closed", after.closed()).inc("rev", 1);
        return mongo.updateFirst(sameRevision, update, AstrologerConnections.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * Records a heartbeat unless a later one from the same instance was already recorded; empty when this one
     * is stale (an older heartbeat delivered late must not replace a newer connection set).
     */
    Mono<ChatInstance> heartbeat(String instanceId, Instant reportedAt, long intervalMillis, Instant now,
            int misses) {
        Query newer = Query.query(Criteria.where("_id").is(instanceId))
                .addCriteria(new Criteria().orOperator(Criteria.where("lastReportedAt").is(null),
                        Criteria.where("lastReportedAt").lt(reportedAt)));
        Update update = new Update().set("lastHeartbeatAt", now).set("lastReportedAt", reportedAt)
                .set("intervalMillis", intervalMillis)
                .set("expiresAt", now.plus(Duration.ofMillis(intervalMillis).multipliedBy(misses)));
        return mongo.findAndModify(newer, update, FindAndModifyOptions.options().upsert(true).returnNew(true),
                        ChatInstance.class)
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.empty());
    }

    /**
     * Makes an instance known from a connection event, so that its connections are dropped if it never
     * heartbeats; an instance already known is left as it is.
     */
    Mono<Void> knowInstance(String instanceId, Duration assumedInterval, Instant now, int misses) {
        Update update = new Update().setOnInsert("lastHeartbeatAt", now)
                .setOnInsert("intervalMillis", assumedInterval.toMillis())
                .setOnInsert("expiresAt", now.plus(assumedInterval.multipliedBy(misses)));
        return mongo.upsert(Query.query(Criteria.where("_id").is(instanceId)), update, ChatInstance.class)
                .onErrorResume(DuplicateKeyException.class, ex -> Mono.empty())
                .then();
    }

    /** Notes that the heartbeat reported at {@code reportedAt} has been applied to every connection set. */
    Mono<Void> applied(String instanceId, Instant reportedAt) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(instanceId)),
                new Update().max("appliedReportedAt", reportedAt), ChatInstance.class).then();
    }

    Flux<ChatInstance> findExpired(Instant now) {
        return mongo.find(Query.query(Criteria.where("expiresAt").lt(now)), ChatInstance.class);
    }

    /** Forgets a dead instance, unless it heartbeated again meanwhile. */
    Mono<Void> forget(ChatInstance instance) {
        return mongo.remove(Query.query(Criteria.where("_id").is(instance.id()).and("expiresAt").is(instance.expiresAt())),
                ChatInstance.class).then();
    }
}
