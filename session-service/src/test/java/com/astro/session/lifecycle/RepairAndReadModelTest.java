package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.astro.common.event.EndReason;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;
import com.astro.session.billing.Billing;
import com.astro.session.wallet.WalletService;

/** What a crash between steps leaves behind is finished by the sweeper; the read model keeps the newest presence. */
class RepairAndReadModelTest extends SessionTestSupport {

    @Autowired
    SessionStore store;

    @Autowired
    SessionSweeper sweeper;

    @Autowired
    WalletService wallets;

    @Test
    void aSessionLeftEndingByACrashIsChargedOnceAndAnnouncedByTheSweeper() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 100);
        CLOCK.advance(Duration.ofSeconds(90));
        Session session = store.find(id).block();
        // the instance dies right after fixing the bill
        store.beginEnding(id, Billing.bill(session.acceptedAt(), CLOCK.instant(), 10, 100), user, CLOCK.instant())
                .block();

        sweeper.sweep().block();
        assertThat(store.find(id).block().status()).isEqualTo(SessionStatus.ENDING);
        CLOCK.advance(Duration.ofSeconds(31));
        sweeper.sweep().block();
        sweeper.sweep().block();

        assertThat(store.find(id).block().status()).isEqualTo(SessionStatus.ENDED);
        assertThat(wallets.balance(user).block()).isEqualTo(80);
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.coinsCharged()).isEqualTo(20));
        // the user and the astrologer are free again
        String next = (String) startSession(user, astro, "chat").get("id");
        accept(astro, next);
    }

    @Test
    void anEndAnnouncementLostInACrashIsRepublishedWithTheStoredEventId() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");
        // the instance dies after writing the end, before publishing it
        Session ended = store.endPending(id, EndReason.CANCELLED, user, CLOCK.instant(), null).block();
        CLOCK.advance(Duration.ofSeconds(31));

        sweeper.sweep().block();
        sweeper.sweep().block();

        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.eventId()).isEqualTo(ended.endedEventId()));
        assertThat(store.find(id).block().endedPublished()).isTrue();
        // and the user's lock, which the crash left held, is freed
        startSession(user, astro, "chat");
    }

    @Test
    void refusedStartsPublishNothing() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 5);

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", astro, "sessionType", "chat"))
                .expectStatus().isEqualTo(402);
        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", astro, "sessionType", "video"))
                .expectStatus().isEqualTo(409);

        assertThat(events(Topics.SESSION_REQUESTED, SessionRequested.class,
                record -> record.value().contains("\"" + user + "\""))).isEmpty();
    }

    @Test
    void anOlderOrRedeliveredPresenceDoesNotOverwriteANewerOne() {
        String astro = fresh("astro");
        PresenceChanged newer = PresenceChanged.of(CLOCK.instant(), astro, astro, true, false, null, CLOCK.instant(),
                new Rates(10L, null, null), 7);
        PresenceChanged older = PresenceChanged.of(CLOCK.instant(), astro, astro, false, false, null, CLOCK.instant(),
                new Rates(99L, null, null), 6);

        assertThat(directory.apply(newer).block()).isTrue();
        assertThat(directory.apply(older).block()).isFalse();
        assertThat(directory.apply(newer).block()).isFalse();

        assertThat(directory.find(astro).block()).satisfies(known -> {
            assertThat(known.online()).isTrue();
            assertThat(known.rates().chat()).isEqualTo(10L);
            assertThat(known.version()).isEqualTo(7);
        });
    }
}
