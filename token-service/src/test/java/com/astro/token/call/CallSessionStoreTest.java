package com.astro.token.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.astro.infra.TestInfra;
import com.astro.token.call.CallSession.Status;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The call read model against the embedded Mongo server: idempotent, order-tolerant, race-safe upserts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CallSessionStoreTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.shared().register(registry, "token-store");
        registry.add("spring.kafka.consumer.group-id", () -> "token-store-test");
    }

    @Autowired
    CallSessionStore store;

    final Instant acceptedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    final Instant endedAt = acceptedAt.plusSeconds(300);

    final Instant fundedUntil = acceptedAt.plusSeconds(600);

    @Test
    void acceptStoresAnActiveSessionFoundByChannel() {
        String id = UUID.randomUUID().toString();
        store.accepted(id, "ch_" + id, "user_1", "astro_1", acceptedAt, fundedUntil).block();

        CallSession stored = store.findByChannelName("ch_" + id).block();
        assertThat(stored).isEqualTo(new CallSession(id, "ch_" + id, "user_1", "astro_1", Status.ACTIVE, acceptedAt,
                null, fundedUntil));
    }

    @Test
    void replayedAcceptChangesNothing() {
        String id = UUID.randomUUID().toString();
        store.accepted(id, "ch_" + id, "user_1", "astro_1", acceptedAt, fundedUntil).block();
        CallSession first = store.findById(id).block();
        store.accepted(id, "ch_" + id, "user_1", "astro_1", acceptedAt, fundedUntil).block();

        assertThat(store.findById(id).block()).isEqualTo(first);
    }

    @Test
    void endThenAcceptEndsUpEnded() {
        String id = UUID.randomUUID().toString();
        store.ended(id, "ch_" + id, "user_1", "astro_1", acceptedAt, endedAt).block();
        store.accepted(id, "ch_" + id, "user_1", "astro_1", acceptedAt, fundedUntil).block();

        assertThat(store.findById(id).block()).isEqualTo(new CallSession(id, "ch_" + id, "user_1", "astro_1",
                Status.ENDED, acceptedAt, endedAt, fundedUntil));
    }

    @Test
    void acceptAndEndRacingAlwaysEndUpEnded() {
        List<String> ids = new ArrayList<>();
        List<Mono<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            for (int copy = 0; copy < 3; copy++) {
                writes.add(store.accepted(id, "ch_" + id, "user_1", "astro_1", acceptedAt, fundedUntil)
                        .subscribeOn(Schedulers.parallel()));
                writes.add(store.ended(id, "ch_" + id, "user_1", "astro_1", acceptedAt, endedAt)
                        .subscribeOn(Schedulers.parallel()));
            }
        }
        Flux.merge(Flux.fromIterable(writes), 16).then().block();

        for (String id : ids) {
            CallSession stored = store.findById(id).block();
            assertThat(stored.status()).as(id).isEqualTo(Status.ENDED);
            assertThat(stored.channelName()).isEqualTo("ch_" + id);
        }
    }

    @Test
    void channelNameOfAnotherSessionIsRefused() {
        String id = UUID.randomUUID().toString();
        store.accepted(id, "ch_" + id, "user_1", "astro_1", acceptedAt, fundedUntil).block();

        assertThatThrownBy(() -> store.accepted("other_" + id, "ch_" + id, "user_2", "astro_2", acceptedAt, fundedUntil).block())
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store.findByChannelName("ch_" + id).block().id()).isEqualTo(id);
    }
}
