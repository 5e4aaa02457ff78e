package com.astro.chat.session;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.astro.chat.ChatTestSupport;
import com.astro.common.event.EndReason;
import com.astro.common.event.SessionAccepted;

/** The session read model tolerates events out of order and redelivered, as session topics may deliver them. */
class SessionReadModelTest extends ChatTestSupport {

    private ChatSession session(String id) {
        return cluster.b().bean(SessionStore.class).find(id).block(WAIT);
    }

    @Test
    void anAcceptanceArrivingBeforeTheRequestLeavesTheSessionActive() {
        Parties p = newParties();

        accepted(p);
        requested(p);

        assertThat(session(p.sessionId()).status()).isEqualTo(ChatSession.Status.ACTIVE);
        clients.connect("user", cluster.b().url(), p.userToken());
        assertThat(clients.call("user", "join-session", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();
    }

    @Test
    void anEndArrivingBeforeTheAcceptanceIsNeverUndone() {
        Parties p = newParties();
        requested(p);

        clients.connect("user", cluster.a().url(), p.userToken());
        ended(p, EndReason.COMPLETED, 2);
        SessionAccepted late = accepted(p);

        // the late acceptance is applied and changes nothing: the session stays ended and nobody is told "accepted"
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
            ChatSession stored = session(p.sessionId());
            return stored.status() == ChatSession.Status.ENDED && "completed".equals(stored.endReason())
                    && clients.received("user", "session:accepted").isEmpty();
        });
        assertThat(session(p.sessionId()).channelName()).isEqualTo(late.channelName());
        assertThat(clients.call("user", "join-session", json("sessionId", p.sessionId())).path("error").path("code")
                .asString()).isEqualTo("session_not_active");
    }

    @Test
    void aRedeliveredEventChangesNothingAndNotifiesNobodyTwice() {
        Parties p = newParties();
        clients.connect("astro", cluster.a().url(), p.astrologerToken());
        var request = requested(p);

        cluster.events().publish(request).block(WAIT);
        accepted(p);

        clients.awaitReceived("astro", "session:accepted", 1);
        assertThat(clients.received("astro", "session:request")).hasSize(1);
        assertThat(session(p.sessionId()).status()).isEqualTo(ChatSession.Status.ACTIVE);
    }
}
