package com.astro.session.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.astro.session.metrics.SessionMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;

import com.astro.infra.TestInfra;
import com.mongodb.client.result.UpdateResult;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import reactor.core.publisher.Mono;

/**
 * Two first credits of a new wallet (different keys) racing: on MongoDB both upserts can find no wallet and try to
 * insert it, and the loser gets a duplicate key on {@code _id}. The embedded server runs one command at a time, so
 * the race is staged: the first upsert of each wallet meets a wallet that a competing credit created in between
 * (a real insert) and gets the duplicate key MongoDB answers then.
 */
class FirstCreditRaceTest {

    private static MongoClient client;

    private static WalletService wallets;

    /** Wallets whose first upsert has lost the race already. */
    private static final Set<String> raced = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfra.shared().mongo().connectionString());
        ReactiveMongoTemplate racing = new ReactiveMongoTemplate(client, "wallet-race-" + UUID.randomUUID()) {

            @Override
            public Mono<UpdateResult> upsert(Query query, UpdateDefinition update, Class<?> entityClass) {
                String userId = (String) query.getQueryObject().get("_id");
                if (entityClass != Wallet.class || !raced.add(userId)) {
                    return super.upsert(query, update, entityClass);
                }
                // the competing first credit (10 coins, its own key) creates the wallet just before this insert
                return insert(new Wallet(userId, 10, List.of("credit:competitor-" + userId)))
                        .then(Mono.error(new DuplicateKeyException("E11000 duplicate key error collection: wallets "
                                + "index: _id_ dup key: { _id: \"" + userId + "\" }")));
            }
        };
        wallets = new WalletService(racing, Clock.systemUTC(), new SessionMetrics(new SimpleMeterRegistry()));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aFirstCreditThatLosesTheRaceToCreateTheWalletIsAppliedToTheWinnersWallet() {
        String user = "user_" + UUID.randomUUID();

        LedgerEntry entry = wallets.credit(user, 7, "mine-" + user).block(Duration.ofSeconds(30));

        assertThat(entry.applied()).isTrue();
        assertThat(wallets.balance(user).block(Duration.ofSeconds(30))).isEqualTo(17);
    }

    @Test
    void aRetriedCreditAfterTheRaceIsStillAppliedOnce() {
        String user = "user_" + UUID.randomUUID();
        wallets.credit(user, 7, "mine-" + user).block(Duration.ofSeconds(30));

        wallets.credit(user, 7, "mine-" + user).block(Duration.ofSeconds(30));

        assertThat(wallets.balance(user).block(Duration.ofSeconds(30))).isEqualTo(17);
    }
}
