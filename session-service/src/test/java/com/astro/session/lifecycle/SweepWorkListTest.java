package com.astro.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionType;
import com.astro.common.event.Topics;
import com.astro.session.SessionTestSupport;

/**
 * The sweeper looks only at the sessions listed as due, never at the whole history: a settled session leaves the
 * list, and a session stored without being listed (before the list existed) is listed when an instance starts.
 */
class SweepWorkListTest extends SessionTestSupport {

    @Autowired
    SessionStore store;

    @Autowired
    SessionSweeper sweeper;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aSessionEndedAndAnnouncedLeavesTheSweepersListOnceItsGraceHasPassed() {
        String user = fresh("user");
        String astro = fresh("astro");
        String id = activeChatSession(user, astro, 10, 100);
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk();
        sweeper.sweep().block();
        assertThat(listed(id)).as("ended within the grace: still looked at").isTrue();

        CLOCK.advance(Duration.ofSeconds(31));
        sweeper.sweep().block();

        assertThat(listed(id)).isFalse();
    }

    @Test
    void aPendingSessionStoredBeforeTheListExistedIsExpiredOnceAnInstanceStartsAndListsIt() {
        String id = new ObjectId().toHexString();
        Instant now = CLOCK.instant();
        mongo.insert(new Session(id, fresh("user"), fresh("astro"), SessionType.CHAT, 10, SessionStatus.PENDING, now,
                now.plusSeconds(60), null, null, null, null, null, null, null, null, null,
                UUID.randomUUID().toString(), true, null, false, null, false, null, null, null)).block();
        CLOCK.advance(Duration.ofSeconds(61));
        sweeper.sweep().block();
        assertThat(store.find(id).block().status()).as("not listed: not seen").isEqualTo(SessionStatus.PENDING);

        store.listUnsettled().block();
        sweeper.sweep().block();

        assertThat(store.find(id).block().status()).isEqualTo(SessionStatus.ENDED);
        assertThat(events(Topics.SESSION_ENDED, id, SessionEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(EndReason.EXPIRED));
    }

    @Test
    void anAcceptanceACrashLeftUnannouncedIsAnnouncedOnlyOnceItsGraceHasPassed() {
        String user = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(user, 100);
        String id = (String) startSession(user, astro, "chat").get("id");
        CLOCK.advance(Duration.ofSeconds(31));
        // the instance dies after storing the acceptance, before publishing it
        Session accepted = store.accept(id, astro, CLOCK.instant()).block();

        sweeper.sweep().block();
        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).as("a live accept may be publishing")
                .isEmpty();
        CLOCK.advance(Duration.ofSeconds(31));
        sweeper.sweep().block();

        assertThat(events(Topics.SESSION_ACCEPTED, id, SessionAccepted.class)).singleElement()
                .satisfies(e -> assertThat(e.eventId()).isEqualTo(accepted.acceptedEventId()));
    }

    @Test
    void anActiveSessionWhoseBalanceLastsIsNotLookedAtAgainUntilItCouldRunLow() {
        String id = activeChatSession(fresh("user"), fresh("astro"), 10, 100);
        Instant acceptedAt = store.find(id).block().acceptedAt();
        CLOCK.advance(Duration.ofSeconds(31));

        sweeper.sweep().block();

        // ten paid minutes; the warning is due when two remain after the one in progress, seven minutes in
        assertThat(dueAt(id)).isEqualTo(acceptedAt.plus(Duration.ofMinutes(7)));
    }

    @Test
    void endingASessionThatWasPutOffListsItAsDueAtOnce() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 100);
        CLOCK.advance(Duration.ofSeconds(31));
        sweeper.sweep().block();

        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk();

        assertThat(dueAt(id)).isBeforeOrEqualTo(CLOCK.instant());
        CLOCK.advance(Duration.ofSeconds(31));
        sweeper.sweep().block();
        assertThat(listed(id)).as("settled once its grace has passed").isFalse();
    }

    private Instant dueAt(String id) {
        return mongo.findById(id, Document.class, "session_due").block().getDate("dueAt").toInstant();
    }

    private boolean listed(String id) {
        Instant farFuture = CLOCK.instant().plus(Duration.ofDays(365));
        return store.due(farFuture, CLOCK.instant(), 100_000).any(s -> s.id().equals(id)).block();
    }
}
