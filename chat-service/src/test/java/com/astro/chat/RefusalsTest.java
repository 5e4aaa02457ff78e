package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.astro.chat.session.Sessions;
import com.astro.common.event.EndReason;

import tools.jackson.databind.JsonNode;

/**
 * Everything the socket refuses: each refusal answers an error acknowledgement and a {@code message:error}
 * with a code, and stores nothing.
 */
class RefusalsTest extends ChatTestSupport {

    @Test
    void aThirdUserCannotJoinTheRoom() {
        Parties p = activeSession();
        clients.connect("intruder", cluster.a().url(), token(newId("user"), "user"));

        JsonNode ack = clients.call("intruder", "join-session", json("sessionId", p.sessionId()));

        assertRefused(ack, "intruder", "session_not_found");
        clients.connect("user", cluster.b().url(), p.userToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "private"));
        clients.awaitReceived("user", "message:receive", 1);
        assertThat(clients.received("intruder", "message:receive")).isEmpty();
    }

    @Test
    void aThirdUserCannotSendIntoTheSession() {
        Parties p = activeSession();
        clients.connect("intruder", cluster.a().url(), token(newId("user"), "user"));

        JsonNode ack = clients.call("intruder", "message:send",
                json("sessionId", p.sessionId(), "text", "hi", "clientMessageId", "x1"));

        assertRefused(ack, "intruder", "session_not_found");
        assertThat(clients.received("intruder", "message:error").get(0).path("clientMessageId").asString())
                .isEqualTo("x1");
        assertThat(storedCount(p.sessionId())).isZero();
    }

    @Test
    void aThirdUserCannotReadTheHistory() throws Exception {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "private"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(cluster.b().url() + "/api/chat/sessions/" + p.sessionId() + "/messages"))
                .header("Authorization", "Bearer " + token(newId("user"), "user")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("private");
    }

    @Test
    void unknownSessionIsRefused() {
        clients.connect("user", cluster.a().url(), token(newId("user"), "user"));
        String unknown = newId("s");

        assertRefused(clients.call("user", "message:send", json("sessionId", unknown, "text", "hi")), "user",
                "session_not_found");
        assertRefused(clients.call("user", "join-session", json("sessionId", unknown)), "user", "session_not_found");
        assertThat(storedCount(unknown)).isZero();
    }

    @Test
    void aPendingSessionTakesNoMessagesAndNoJoins() {
        Parties p = newParties();
        requested(p);
        clients.connect("user", cluster.a().url(), p.userToken());

        assertRefused(clients.call("user", "join-session", json("sessionId", p.sessionId())), "user",
                "session_not_active");
        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "too early")),
                "user", "session_not_active");
        assertThat(storedCount(p.sessionId())).isZero();
    }

    @Test
    void anEndedSessionTakesNoMessages() {
        Parties p = activeSession();
        ended(p, EndReason.COMPLETED, 1);
        clients.connect("user", cluster.a().url(), p.userToken());

        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "too late")),
                "user", "session_not_active");
        assertThat(storedCount(p.sessionId())).isZero();
    }

    @Test
    void aSessionThatEndsAfterItsFirstMessagesTakesNoMoreOnAnyInstance() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        assertThat(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "hi")).path("ok")
                .asBoolean()).isTrue();
        assertThat(clients.call("astro", "message:send", json("sessionId", p.sessionId(), "text", "hello")).path("ok")
                .asBoolean()).isTrue();

        ended(p, EndReason.COMPLETED, 1);
        // each instance hears of the end from its own consumer; the active session it had in memory goes with it
        await().atMost(WAIT).until(() -> !Sessions.find(cluster.b(), p.sessionId()).isActive());

        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "late")),
                "user", "session_not_active");
        assertRefused(clients.call("astro", "message:send", json("sessionId", p.sessionId(), "text", "late")),
                "astro", "session_not_active");
        assertThat(storedCount(p.sessionId())).isEqualTo(2);
    }

    @Test
    void emptyAndBlankTextAreRefused() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());

        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "")), "user",
                "empty_text");
        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "  \n ")), "user",
                "empty_text");
        assertThat(storedCount(p.sessionId())).isZero();
    }

    @Test
    void textLongerThanTheLimitIsRefusedAndTextAtTheLimitIsStored() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());

        assertRefused(clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", "x".repeat(2001))), "user", "text_too_long");
        assertThat(storedCount(p.sessionId())).isZero();
        assertThat(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "x".repeat(2000)))
                .path("ok").asBoolean()).isTrue();
        assertThat(storedCount(p.sessionId())).isEqualTo(1);
    }

    @Test
    void payloadsOfTheWrongShapeAreRefused() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());

        assertRefused(clients.call("user", "message:send", "just a string"), "user", "invalid_payload");
        assertRefused(clients.call("user", "message:send", json("sessionId", 42, "text", "hi")), "user",
                "invalid_payload");
        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", 7)), "user",
                "invalid_payload");
        assertRefused(clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", List.of("a"))),
                "user", "invalid_payload");
        assertRefused(clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", "hi", "clientMessageId", 5)), "user", "invalid_payload");
        assertRefused(clients.call("user", "join-session", json("sessionId", p.sessionId(), "afterSeq", "ten")),
                "user", "invalid_payload");
        assertRefused(clients.call("user", "join-session", json("sessionId", p.sessionId(), "afterSeq", -1)), "user",
                "invalid_payload");
        assertRefused(clients.call("user", "join-session", List.of(1, 2)), "user", "invalid_payload");
        assertThat(storedCount(p.sessionId())).isZero();
    }

    @Test
    void aSendWithoutAcknowledgementStillGetsMessageError() {
        clients.connect("user", cluster.a().url(), token(newId("user"), "user"));

        clients.emit("user", "message:send", json("sessionId", newId("s"), "text", "hi", "clientMessageId", "c9"));

        JsonNode error = clients.awaitReceived("user", "message:error", 1).get(0);
        assertThat(error.path("code").asString()).isEqualTo("session_not_found");
        assertThat(error.path("clientMessageId").asString()).isEqualTo("c9");
    }
}
