package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.session.SessionTestSupport;
import com.astro.session.wallet.LedgerEntry;
import com.astro.session.wallet.WalletService;

/**
 * A randomized property of the wallet: whatever mix of credits (new idempotency keys and retries of old ones),
 * starts, accepts, cancels, ends, passing time and sweeps runs concurrently, afterwards every wallet's balance is
 * the sum of its ledger, never negative, every credit key is applied once with its amount, and the debits are the
 * sessions' charges. The operations are drawn from a seed ({@code -Dwallet.property.seed=}), printed with the run.
 */
class WalletPropertyTest extends SessionTestSupport {

    private static final long SEED = Long.getLong("wallet.property.seed", System.nanoTime());

    private static final int USERS = 6;

    private static final int ASTROLOGERS = 3;

    private static final int WORKERS = 8;

    private static final int OPERATIONS_PER_WORKER = 25;

    /** A credit answered 200: its user and amount. */
    private record Credit(String userId, long coins) {
    }

    @Autowired
    WalletService wallets;

    @Autowired
    SessionStore store;

    @Autowired
    SessionSweeper sweeper;

    private final List<String> users = new ArrayList<>();

    private final List<String> astrologers = new ArrayList<>();

    private final Map<String, Credit> credited = new ConcurrentHashMap<>();

    private final List<String> sessions = Collections.synchronizedList(new ArrayList<>());

    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();

    @Test
    void underRandomConcurrentOperationsEveryBalanceIsItsLedgerSumAndEveryKeyIsAppliedOnce() throws Exception {
        System.out.println("wallet property: seed " + SEED);
        for (int i = 0; i < USERS; i++) {
            users.add(fresh("user"));
        }
        Random setup = new Random(SEED);
        for (int i = 0; i < ASTROLOGERS; i++) {
            astrologers.add(fresh("astro"));
            onlineAstrologer(astrologers.get(i), 1 + setup.nextInt(20));
        }
        WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        AtomicInteger worker = new AtomicInteger();

        concurrently(WORKERS, () -> {
            Random random = new Random(SEED + worker.incrementAndGet());
            for (int i = 0; i < OPERATIONS_PER_WORKER; i++) {
                operate(client, random);
            }
            return null;
        });
        settle(client);

        System.out.println("wallet property: " + credited.size() + " credit keys, " + sessions.size()
                + " sessions, outcomes " + new TreeMap<>(outcomes));
        for (String user : users) {
            List<LedgerEntry> ledger = wallets.recentEntries(user, 10_000).collectList().block();
            long balance = wallets.balance(user).block();
            assertThat(ledger).allMatch(LedgerEntry::applied);
            assertThat(ledger.stream().mapToLong(LedgerEntry::coins).sum()).as("ledger sum of " + user)
                    .isEqualTo(balance);
            assertThat(balance).isNotNegative();
            Map<String, Long> creditsByKey = new HashMap<>();
            ledger.stream().filter(e -> e.coins() > 0).forEach(e -> creditsByKey.merge(e.idempotencyKey(), e.coins(),
                    Long::sum));
            Map<String, Long> expected = new HashMap<>();
            credited.forEach((key, credit) -> {
                if (credit.userId().equals(user)) {
                    expected.put(key, credit.coins());
                }
            });
            assertThat(creditsByKey).as("credits of " + user).isEqualTo(expected);
            long charged = sessions.stream().map(id -> store.find(id).block())
                    .filter(s -> s.userId().equals(user) && s.coinsCharged() != null)
                    .mapToLong(Session::coinsCharged).sum();
            assertThat(ledger.stream().filter(e -> e.coins() < 0).mapToLong(LedgerEntry::coins).sum())
                    .as("debits of " + user).isEqualTo(-charged);
        }
    }

    private void operate(WebTestClient client, Random random) {
        String user = users.get(random.nextInt(USERS));
        String astro = astrologers.get(random.nextInt(ASTROLOGERS));
        switch (random.nextInt(10)) {
            case 0, 1 -> credit(client, random, user);
            case 2, 3 -> start(client, user, astro);
            case 4, 5 -> pick(random, session -> call(client, "accept", session.astrologerId(), "astrologer",
                    Map.of("sessionId", session.id()), 200, 409));
            case 6 -> pick(random, session -> {
                boolean byUser = random.nextBoolean();
                call(client, "end", byUser ? session.userId() : session.astrologerId(), byUser ? "user" : "astrologer",
                        Map.of("sessionId", session.id()), 200, 409);
            });
            case 7 -> pick(random, session -> call(client, "cancel", session.userId(), "user",
                    Map.of("sessionId", session.id()), 200, 409));
            case 8 -> CLOCK.advance(Duration.ofSeconds(random.nextInt(30)));
            default -> sweeper.sweep().block(Duration.ofSeconds(60));
        }
    }

    /** A new key, or (one time in three) a retry of a key answered before, which must change nothing. */
    private void credit(WebTestClient client, Random random, String user) {
        List<Map.Entry<String, Credit>> known = new ArrayList<>(credited.entrySet());
        Map.Entry<String, Credit> retry = known.isEmpty() || random.nextInt(3) > 0 ? null
                : known.get(random.nextInt(known.size()));
        String key = retry == null ? fresh("key") : retry.getKey();
        Credit credit = retry == null ? new Credit(user, 1 + random.nextInt(200)) : retry.getValue();
        int status = client.post().uri("/api/wallets/{id}/credit", credit.userId())
                .header("Authorization", "Bearer " + token("admin_1", "admin"))
                .bodyValue(Map.of("coins", credit.coins(), "idempotencyKey", key))
                .exchange().returnResult(String.class).getStatus().value();
        assertThat(status).as("credit " + key).isEqualTo(200);
        outcomes.merge("credit " + status, 1, Integer::sum);
        credited.put(key, credit);
    }

    private int call(WebTestClient client, String action, String caller, String role, Map<String, Object> body,
            Integer... allowed) {
        int status = client.post().uri("/api/sessions/" + action).header("Authorization", "Bearer " + token(caller, role))
                .bodyValue(body).exchange().returnResult(String.class).getStatus().value();
        assertThat(status).as(action + " by " + caller).isIn((Object[]) allowed);
        outcomes.merge(action + " " + status, 1, Integer::sum);
        return status;
    }

    @SuppressWarnings("unchecked")
    private void start(WebTestClient client, String user, String astro) {
        var result = client.post().uri("/api/sessions/start").header("Authorization", "Bearer " + token(user, "user"))
                .bodyValue(Map.of("astrologerId", astro, "sessionType", "chat")).exchange()
                .returnResult(Map.class);
        int status = result.getStatus().value();
        assertThat(status).as("start by " + user).isIn(201, 402, 409);
        outcomes.merge("start " + status, 1, Integer::sum);
        if (status == 201) {
            sessions.add((String) result.getResponseBody().blockFirst().get("id"));
        }
    }

    private void pick(Random random, Consumer<Session> action) {
        List<String> known = new ArrayList<>(sessions);
        if (!known.isEmpty()) {
            action.accept(store.find(known.get(random.nextInt(known.size()))).block());
        }
    }

    /** Ends what is still active and lets the sweeper finish everything, so every charge is in the ledger. */
    private void settle(WebTestClient client) {
        for (String id : new ArrayList<>(sessions)) {
            Session session = store.find(id).block();
            if (session.status() == SessionStatus.ACTIVE || session.status() == SessionStatus.ENDING) {
                call(client, "end", session.userId(), "user", Map.of("sessionId", id), 200);
            }
        }
        CLOCK.advance(Duration.ofMinutes(5));
        sweeper.sweep().block(Duration.ofSeconds(60));
        sweeper.sweep().block(Duration.ofSeconds(60));
        assertThat(sessions).allMatch(id -> store.find(id).block().status() == SessionStatus.ENDED);
    }
}
