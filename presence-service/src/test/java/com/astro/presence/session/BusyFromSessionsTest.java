package com.astro.presence.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.astro.common.event.EndReason;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionType;
import com.astro.presence.PresenceIntegrationTest;
import com.astro.presence.PresenceTopic;
import com.astro.presence.astrologer.AstrologerPresence;

class BusyFromSessionsTest extends PresenceIntegrationTest {

    private SessionAccepted accepted(String sessionId, String astrologerId) {
        return SessionAccepted.of(clock.instant(), sessionId, "user_1", astrologerId, SessionType.CHAT, 10,
                clock.instant(), "channel-" + sessionId);
    }

    private SessionEnded ended(String sessionId, String astrologerId) {
        return SessionEnded.of(clock.instant(), sessionId, "user_1", astrologerId, SessionType.CHAT, EndReason.COMPLETED,
                "user_1", clock.instant(), clock.instant(), 10, 1, 10, "channel-" + sessionId);
    }

    private static String newSessionId() {
        return "s_" + UUID.randomUUID();
    }

    private SessionRecord session(String sessionId) {
        return mongo.findById(sessionId, SessionRecord.class).block();
    }

    @Test
    void anAcceptedSessionMakesTheAstrologerBusyInIt() {
        String id = newAstrologerId();
        String sessionId = newSessionId();
        goOnline(id);
        events.publish(accepted(sessionId, id)).block();

        await().atMost(WAIT).until(() -> stored(id).busy());
        assertThat(stored(id).currentSessionId()).isEqualTo(sessionId);
        get("/api/v1/astrologers/online", userToken()).expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].busy").isEqualTo(true);
        PresenceChanged last = lastEvent(id);
        assertThat(last.busy()).isTrue();
        assertThat(last.currentSessionId()).isEqualTo(sessionId);
        assertThat(last.online()).isTrue();
    }

    @Test
    void anEndedSessionFreesTheAstrologer() {
        String id = newAstrologerId();
        String sessionId = newSessionId();
        goOnline(id);
        events.publish(accepted(sessionId, id)).block();
        await().atMost(WAIT).until(() -> stored(id).busy());

        events.publish(ended(sessionId, id)).block();
        await().atMost(WAIT).until(() -> !stored(id).busy());
        assertThat(stored(id).currentSessionId()).isNull();
        assertThat(stored(id).version()).isEqualTo(3);
        assertThat(lastEvent(id).busy()).isFalse();
        assertThat(lastEvent(id).version()).isEqualTo(3);
    }

    @Test
    void aLateAcceptanceOfAnEndedSessionLeavesTheAstrologerFree() {
        String id = newAstrologerId();
        String sessionId = newSessionId();
        goOnline(id);
        events.publish(ended(sessionId, id)).block();
        await().atMost(WAIT).until(() -> session(sessionId) != null && session(sessionId).ended());

        events.publish(accepted(sessionId, id)).block();
        await().atMost(WAIT).until(() -> session(sessionId).acceptedSeenAt() != null);
        AstrologerPresence after = stored(id);
        assertThat(after.busy()).isFalse();
        assertThat(after.currentSessionId()).isNull();
        assertThat(after.version()).isEqualTo(1);
        assertThat(PresenceTopic.eventsFor(id)).extracting(PresenceChanged::busy).containsOnly(false);
    }

    @Test
    void bothEventsArrivingTogetherInAnyOrderEndFree() {
        String id = newAstrologerId();
        goOnline(id);
        List<String> sessions = List.of(newSessionId(), newSessionId(), newSessionId(), newSessionId());
        for (int i = 0; i < sessions.size(); i++) {
            String sessionId = sessions.get(i);
            if (i % 2 == 0) {
                events.publish(accepted(sessionId, id)).and(events.publish(ended(sessionId, id))).block();
            }
            else {
                events.publish(ended(sessionId, id)).and(events.publish(accepted(sessionId, id))).block();
            }
        }
        await().atMost(WAIT).until(() -> sessions.stream().map(this::session)
                .allMatch(s -> s != null && s.ended() && s.acceptedSeenAt() != null));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored(id).busy()).isFalse();
            assertThat(lastEvent(id).busy()).isFalse();
            assertThat(lastEvent(id).version()).isEqualTo(stored(id).version());
        });
    }

    @Test
    void aRedeliveredAcceptanceChangesNothing() {
        String id = newAstrologerId();
        String sessionId = newSessionId();
        goOnline(id);
        SessionAccepted event = accepted(sessionId, id);
        events.publish(event).block();
        await().atMost(WAIT).until(() -> stored(id).busy());
        events.publish(event).block();
        events.publish(ended(sessionId, id)).block();
        await().atMost(WAIT).until(() -> !stored(id).busy());
        assertThat(PresenceTopic.eventsFor(id)).extracting(PresenceChanged::version).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theEndOfAnOlderSessionDoesNotFreeTheAstrologerFromANewerOne() {
        String id = newAstrologerId();
        String older = newSessionId();
        String newer = newSessionId();
        goOnline(id);
        events.publish(accepted(newer, id)).block();
        await().atMost(WAIT).until(() -> newer.equals(stored(id).currentSessionId()));

        events.publish(ended(older, id)).block();
        await().atMost(WAIT).until(() -> session(older) != null && session(older).ended());
        assertThat(stored(id).busy()).isTrue();
        assertThat(stored(id).currentSessionId()).isEqualTo(newer);
    }

    @Test
    void anAstrologerNeverSeenWhoAcceptsASessionAppearsBusyAndOffline() {
        String id = newAstrologerId();
        String sessionId = newSessionId();
        events.publish(accepted(sessionId, id)).block();
        await().atMost(WAIT).until(() -> stored(id) != null && stored(id).busy());
        assertThat(stored(id).online()).isFalse();
        assertThat(lastEvent(id).busy()).isTrue();
    }

    @Test
    void goingOfflineAndOnlineKeepsTheSessionState() {
        String id = newAstrologerId();
        String sessionId = newSessionId();
        goOnline(id);
        events.publish(accepted(sessionId, id)).block();
        await().atMost(WAIT).until(() -> stored(id).busy());
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id)).expectStatus().isOk()
                .expectBody().jsonPath("$.busy").isEqualTo(true).jsonPath("$.currentSessionId").isEqualTo(sessionId);
    }

    private static PresenceChanged lastEvent(String id) {
        List<PresenceChanged> events = PresenceTopic.eventsFor(id);
        return events.get(events.size() - 1);
    }
}
