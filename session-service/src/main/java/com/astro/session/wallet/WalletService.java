package com.astro.session.wallet;

import java.time.Clock;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import com.astro.common.web.Problems;
import com.astro.common.store.OwnIndexes;
import com.astro.session.metrics.SessionMetrics;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The coin wallet without multi-document transactions. Every change is two idempotent steps: (1) insert the ledger
 * entry under its unique key, (2) apply it to the wallet with one conditional update that checks the key is not
 * yet applied (and, for a debit, that {@code balance >= coins}), increments the balance and records the key. A
 * retry of either step, concurrent or after a crash, changes nothing more.
 */
@Service
public class WalletService implements OwnIndexes {

    /** Keys remembered per wallet; far more than can be in flight for one user at once. */
    static final int KEYS_KEPT = 500;

    private final ReactiveMongoTemplate mongo;

    private final Clock clock;

    private final UnappliedCredits unapplied;

    private final SessionMetrics metrics;

    WalletService(ReactiveMongoTemplate mongo, Clock clock, SessionMetrics metrics) {
        this.mongo = mongo;
        this.clock = clock;
        this.metrics = metrics;
        this.unapplied = new UnappliedCredits(mongo);
    }

    /** The wallet view: a user's latest entries. */
    @Override
    public Mono<Void> ensureIndexes() {
        return mongo.indexOps(LedgerEntry.class).createIndex(new Index().on("userId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC)).then();
    }

    public Mono<Long> balance(String userId) {
        return mongo.findById(userId, Wallet.class).map(Wallet::balance).defaultIfEmpty(0L);
    }

    public Flux<LedgerEntry> recentEntries(String userId, int limit) {
        Query query = Query.query(Criteria.where("userId").is(userId).and("applied").is(true))
                .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .limit(limit);
        return mongo.find(query, LedgerEntry.class);
    }

    /**
     * Credits {@code coins} once per idempotency key; the same key again answers the first entry, the same key
     * with another user or amount is a 409.
     */
    Mono<LedgerEntry> credit(String userId, long coins, String idempotencyKey) {
        LedgerEntry entry = new LedgerEntry("credit:" + idempotencyKey, userId, LedgerEntry.CREDIT, coins, null,
                idempotencyKey, clock.instant(), false, null, null);
        return unapplied.list(entry.id(), entry.createdAt())
                .then(record(entry))
                .flatMap(stored -> {
                    if (!stored.userId().equals(userId) || stored.coins() != coins || !LedgerEntry.CREDIT.equals(stored.kind())) {
                        return Mono.error(Problems.conflict(
                                "Idempotency key '" + idempotencyKey + "' was already used for a credit of "
                                        + stored.coins() + " coins to " + stored.userId()
                                        + "; use a new key for a different credit"));
                    }
                    return apply(stored).flatMap(applied -> unapplied.delist(applied.id()).thenReturn(applied));
                });
    }

    /**
     * Charges a session once. The caller guarantees {@code coins} is within the balance (billing caps it); a
     * refusal here therefore means a broken invariant and fails loudly rather than charging less.
     */
    public Mono<LedgerEntry> chargeSession(String userId, String sessionId, long coins) {
        LedgerEntry entry = new LedgerEntry(LedgerEntry.sessionChargeId(sessionId), userId, LedgerEntry.DEBIT, -coins,
                sessionId, null, clock.instant(), false, null, null);
        return record(entry).flatMap(this::apply);
    }

    /**
     * The promotion's own ledger line for a session: {@code freeMinutes} worth {@code coinsWaived} coins, paid by the
     * platform, so 0 coins move. Once per session, like a charge.
     */
    public Mono<LedgerEntry> recordPromotion(String userId, String sessionId, long freeMinutes, long coinsWaived) {
        LedgerEntry entry = new LedgerEntry(LedgerEntry.promotionId(sessionId), userId, LedgerEntry.PROMOTION, 0,
                sessionId, null, clock.instant(), false, freeMinutes, coinsWaived);
        return record(entry).flatMap(this::apply);
    }

    /** A ledger entry by id. */
    public Mono<LedgerEntry> entry(String id) {
        return mongo.findById(id, LedgerEntry.class);
    }

    private Mono<LedgerEntry> record(LedgerEntry entry) {
        return mongo.insert(entry)
                .onErrorResume(DuplicateKeyException.class, ex -> mongo.findById(entry.id(), LedgerEntry.class));
    }

    private Mono<LedgerEntry> apply(LedgerEntry entry) {
        if (entry.applied()) {
            return Mono.just(entry);
        }
        if (entry.coins() == 0) {
            return markApplied(entry);
        }
        Criteria notApplied = Criteria.where("_id").is(entry.userId()).and("appliedKeys").ne(entry.id());
        Update update = new Update().inc("balance", entry.coins());
        update.push("appliedKeys").slice(-KEYS_KEPT).each(entry.id());
        Mono<Boolean> applied;
        if (entry.coins() > 0) {
            // a first credit creates the wallet. An upsert colliding on _id means the wallet exists now: the key is
            // applied there, or another first credit (another key) created it at the same moment, so the credit is
            // applied to that wallet like to any existing one
            Query creditable = Query.query(notApplied);
            applied = mongo.upsert(creditable, update, Wallet.class).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, ex -> mongo.updateFirst(creditable, update, Wallet.class)
                            .flatMap(result -> result.getModifiedCount() == 1 ? Mono.just(true) : alreadyApplied(entry)));
        }
        else {
            notApplied = notApplied.and("balance").gte(-entry.coins());
            applied = mongo.updateFirst(Query.query(notApplied), update, Wallet.class)
                    .flatMap(result -> {
                        if (result.getModifiedCount() == 1) {
                            metrics.coinsDebited(-entry.coins());
                            return Mono.just(true);
                        }
                        return alreadyApplied(entry);
                    });
        }
        return applied.then(markApplied(entry));
    }

    private Mono<Boolean> alreadyApplied(LedgerEntry entry) {
        return mongo.findById(entry.userId(), Wallet.class)
                .filter(wallet -> wallet.appliedKeys() != null && wallet.appliedKeys().contains(entry.id()))
                .map(wallet -> true)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "balance of " + entry.userId() + " does not cover ledger entry " + entry.id())));
    }

    private Mono<LedgerEntry> markApplied(LedgerEntry entry) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(entry.id())), Update.update("applied", true),
                LedgerEntry.class)
                .thenReturn(entry.asApplied());
    }

    /**
     * Applies credits a crash left recorded but unapplied, listed since before {@code olderThan}. (A session's
     * charge needs no list of its own: the session stays ending until it is applied, and the sweeper finishes it.)
     */
    public Flux<LedgerEntry> repairUnapplied(Instant olderThan) {
        return unapplied.listedBefore(olderThan, 100)
                .concatMap(id -> mongo.findById(id, LedgerEntry.class)
                        .flatMap(this::apply)
                        .flatMap(applied -> unapplied.delist(id).thenReturn(applied))
                        .switchIfEmpty(unapplied.delist(id).then(Mono.empty())));
    }
}
