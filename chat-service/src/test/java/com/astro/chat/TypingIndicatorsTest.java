package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * {@code typing:start} / {@code typing:stop}: relayed to the other participant on another instance, throttled,
 * ended by a stop, a disconnect or the timeout (2 s in these tests), and refused to anyone but the participants of
 * an active session.
 */
class TypingIndicatorsTest extends ChatTestSupport {

    /** The user on instance A, the astrologer on instance B. */
    private Parties connectedSession() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        return p;
    }

    @Test
    void aTypingStartReachesTheOtherParticipantOnAnotherInstance() {
        Parties p = connectedSession();

        JsonNode ack = clients.call("user", "typing:start", json("sessionId", p.sessionId()));

        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
        JsonNode typing = clients.awaitReceived("astro", "typing:start", 1).get(0);
        assertThat(typing.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(typing.path("userId").asString()).isEqualTo(p.userId());
        assertThat(clients.received("user", "typing:start")).isEmpty();
    }

    @Test
    void aTypingStopReachesTheOtherParticipant() {
        Parties p = connectedSession();
        clients.call("astro", "typing:start", json("sessionId", p.sessionId()));

        clients.call("astro", "typing:stop", json("sessionId", p.sessionId()));

        JsonNode stop = clients.awaitReceived("user", "typing:stop", 1).get(0);
        assertThat(stop.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(stop.path("userId").asString()).isEqualTo(p.astrologerId());
        assertThat(clients.received("user", "typing:start")).hasSize(1);
    }

    @Test
    void aSocketSendingManyStartsASecondIsRelayedAboutOnceASecond() {
        Parties p = connectedSession();

        long began = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            assertThat(clients.call("user", "typing:start", json("sessionId", p.sessionId())).path("ok").asBoolean())
                    .isTrue();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        clients.call("user", "typing:stop", json("sessionId", p.sessionId()));

        clients.awaitReceived("astro", "typing:stop", 1);
        // one relay when typing began, then at most one per started second of typing
        assertThat(clients.received("astro", "typing:start")).hasSizeBetween(1, (int) Math.ceil(seconds) + 1)
                .hasSizeLessThan(40);
    }

    @Test
    void anIndicatorWithoutARefreshEndsWithATypingStopAfterTheTimeout() {
        Parties p = connectedSession();

        clients.call("user", "typing:start", json("sessionId", p.sessionId()));

        List<JsonNode> stops = clients.awaitReceived("astro", "typing:stop", 1);
        assertThat(stops.get(0).path("userId").asString()).isEqualTo(p.userId());
        assertThat(clients.received("astro", "typing:start")).hasSize(1);
    }

    @Test
    void aTypistWhoDisconnectsStopsTyping() {
        Parties p = connectedSession();
        clients.call("user", "typing:start", json("sessionId", p.sessionId()));
        clients.awaitReceived("astro", "typing:start", 1);

        clients.disconnect("user");

        assertThat(clients.awaitReceived("astro", "typing:stop", 1).get(0).path("sessionId").asString())
                .isEqualTo(p.sessionId());
    }

    @Test
    void aStopWithoutAStartRelaysNothing() {
        Parties p = connectedSession();

        assertThat(clients.call("user", "typing:stop", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();
        clients.call("user", "typing:start", json("sessionId", p.sessionId()));
        clients.call("user", "typing:stop", json("sessionId", p.sessionId()));

        clients.awaitReceived("astro", "typing:stop", 1);
        assertThat(clients.received("astro", "typing:stop")).hasSize(1);
    }

    @Test
    void someoneOutsideTheSessionCannotType() {
        Parties p = connectedSession();
        clients.connect("intruder", cluster.a().url(), token(newId("user"), "user"));

        assertRefused(clients.call("intruder", "typing:start", json("sessionId", p.sessionId())), "intruder",
                "session_not_found");
        clients.call("user", "typing:start", json("sessionId", p.sessionId()));

        assertThat(clients.awaitReceived("astro", "typing:start", 1)).hasSize(1);
    }

    @Test
    void nobodyTypesInAPendingSession() {
        Parties p = newParties();
        requested(p);
        clients.connect("user", cluster.a().url(), p.userToken());

        assertRefused(clients.call("user", "typing:start", json("sessionId", p.sessionId())), "user",
                "session_not_active");
    }

    @Test
    void typingPayloadsOfTheWrongShapeAreRefused() {
        Parties p = connectedSession();

        assertRefused(clients.call("user", "typing:start", "not an object"), "user", "invalid_payload");
        assertRefused(clients.call("user", "typing:start", json("sessionId", 42)), "user", "invalid_payload");
        assertRefused(clients.call("user", "typing:stop", json()), "user", "invalid_payload");
        clients.call("user", "typing:start", json("sessionId", p.sessionId()));

        assertThat(clients.awaitReceived("astro", "typing:start", 1)).hasSize(1);
    }
}
