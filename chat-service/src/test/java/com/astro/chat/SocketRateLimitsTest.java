package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Each socket has a budget per event: past it the event is refused with {@code rate_limited} (error
 * acknowledgement and {@code message:error}) and changes nothing; a socket that keeps sending past its refusals
 * budget is disconnected. Budgets are tiny here, and an hour long, so nothing refills during a test.
 */
class SocketRateLimitsTest extends ChatTestSupport {

    private static ChatCluster.Instance limited;

    @BeforeAll
    static void startAnInstanceWithSmallBudgets() {
        limited = ChatCluster.start("rate-limited", ChatCluster.shared().presence().url(),
                "--astro.chat.rate-limits.message-send=3/1h", "--astro.chat.rate-limits.session-request=1/1h",
                "--astro.chat.rate-limits.presence=2/1h", "--astro.chat.rate-limits.join-session=2/1h",
                "--astro.chat.rate-limits.message-read=2/1h", "--astro.chat.rate-limits.refusals=2/1h");
    }

    @AfterAll
    static void stopIt() {
        limited.close();
    }

    @Test
    void aMessageOverTheSocketsBudgetIsRefusedWithRateLimitedAndNotStored() {
        Parties p = activeSession();
        clients.connect("user", limited.url(), p.userToken());
        for (int k = 0; k < 3; k++) {
            assertThat(send("user", p, "m" + k).path("ok").asBoolean()).isTrue();
        }

        JsonNode refused = send("user", p, "m3");

        assertThat(refused.path("ok").asBoolean()).isFalse();
        assertThat(refused.path("error").path("code").asString()).isEqualTo("rate_limited");
        JsonNode notice = clients.awaitReceived("user", "message:error", 1).get(0);
        assertThat(notice.path("code").asString()).isEqualTo("rate_limited");
        assertThat(notice.path("event").asString()).isEqualTo("message:send");
        assertThat(notice.path("clientMessageId").asString()).isEqualTo("m3");
        assertThat(storedCount(p.sessionId())).isEqualTo(3);
    }

    @Test
    void eachEventHasABudgetOfItsOwn() {
        Parties p = activeSession();
        clients.connect("user", limited.url(), p.userToken());
        for (int k = 0; k < 4; k++) {
            send("user", p, "m" + k);
        }

        JsonNode join = clients.call("user", "join-session", json("sessionId", p.sessionId()));

        assertThat(join.path("ok").asBoolean()).isTrue();
    }

    @Test
    void budgetsBelongToTheSocketSoAnotherSocketIsNotSlowedDown() {
        Parties p = activeSession();
        clients.connect("flooder", limited.url(), p.userToken());
        for (int k = 0; k < 4; k++) {
            send("flooder", p, "f" + k);
        }
        clients.connect("astro", limited.url(), p.astrologerToken());

        assertThat(send("astro", p, "hello").path("ok").asBoolean()).isTrue();
    }

    @Test
    void joinSessionIsLimited() {
        Parties p = activeSession();
        clients.connect("user", limited.url(), p.userToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        clients.call("user", "join-session", json("sessionId", p.sessionId()));

        JsonNode third = clients.call("user", "join-session", json("sessionId", p.sessionId()));

        assertThat(third.path("error").path("code").asString()).isEqualTo("rate_limited");
    }

    @Test
    void messageReadIsLimited() {
        Parties p = activeSession();
        clients.connect("user", limited.url(), p.userToken());
        send("user", p, "m1");
        clients.call("user", "message:read", json("sessionId", p.sessionId(), "seq", 1));
        clients.call("user", "message:read", json("sessionId", p.sessionId(), "seq", 1));

        JsonNode third = clients.call("user", "message:read", json("sessionId", p.sessionId(), "seq", 1));

        assertThat(third.path("error").path("code").asString()).isEqualTo("rate_limited");
    }

    @Test
    void presenceOnAndOffShareOneBudgetAndOverItPresenceServiceIsNotCalled() {
        String astrologer = newId("astro");
        clients.connect("astro", limited.url(), token(astrologer, "astrologer"));
        clients.call("astro", "presence:on");
        clients.call("astro", "presence:off");

        JsonNode third = clients.call("astro", "presence:on");

        assertThat(third.path("error").path("code").asString()).isEqualTo("rate_limited");
        assertThat(cluster.presence().calls()).filteredOn(call -> call.path().contains(astrologer)).hasSize(2);
    }

    @Test
    void sessionRequestIsLimited() {
        Parties p = newParties();
        requested(p);
        clients.connect("user", limited.url(), p.userToken());
        assertThat(clients.call("user", "session:request", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();

        JsonNode again = clients.call("user", "session:request", json("sessionId", p.sessionId()));

        assertThat(again.path("error").path("code").asString()).isEqualTo("rate_limited");
    }

    @Test
    void aSocketThatKeepsFloodingPastItsRefusalsIsDisconnectedAndToldWhy() {
        Parties p = activeSession();
        clients.connect("flooder", limited.url(), p.userToken());
        for (int k = 0; k < 20; k++) {
            clients.emit("flooder", "message:send", json("sessionId", p.sessionId(), "text", "flood " + k));
        }

        JsonNode disconnect = await().atMost(WAIT).until(() -> clients.reports("flooder").stream()
                .filter(r -> "disconnect".equals(r.path("type").asString())).findFirst(), Optional::isPresent)
                .orElseThrow();

        assertThat(disconnect.path("reason").asString()).isEqualTo("io server disconnect");
        assertThat(clients.received("flooder", "message:error")).last()
                .satisfies(last -> assertThat(last.path("message").asString()).contains("disconnecting"));
        // within the budget, and only what was taken before the disconnect closed the socket's queue
        assertThat(storedCount(p.sessionId())).isLessThanOrEqualTo(3);
    }

    private JsonNode send(String client, Parties p, String clientMessageId) {
        return clients.call(client, "message:send",
                json("sessionId", p.sessionId(), "text", "text " + clientMessageId, "clientMessageId", clientMessageId));
    }
}
