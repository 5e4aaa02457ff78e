package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * An instance offered far more than it may hold refuses the excess at once (error acknowledgement {@code busy}
 * or {@code too_many_requests}) and loses nothing it acknowledged: not timed, it counts what arrived.
 */
class OverloadTest extends ChatTestSupport {

    private static final int SENDERS = 3;

    private static final int BURST = 60;

    private static ChatCluster.Instance limited;

    @BeforeAll
    static void startALimitedInstance() {
        limited = ChatCluster.start("limited", ChatCluster.shared().presence().url(),
                "--astro.chat.max-requests-in-flight=6", "--astro.chat.max-queued-per-socket=12");
    }

    @AfterAll
    static void stopIt() {
        limited.close();
    }

    @Test
    void aBurstBeyondTheLimitsIsRefusedAndEveryAcknowledgedMessageIsDeliveredOnce() {
        List<Parties> sessions = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Parties p = activeSession();
            sessions.add(p);
            clients.connect("user" + s, limited.url(), p.userToken());
            clients.connect("astro" + s, cluster.b().url(), p.astrologerToken());
            clients.call("astro" + s, "join-session", json("sessionId", p.sessionId()));
        }
        Map<String, String> acks = new LinkedHashMap<>();
        for (int k = 0; k < BURST; k++) {
            for (int s = 0; s < SENDERS; s++) {
                String id = "m" + s + "-" + k;
                acks.put(id, clients.request("user" + s, "message:send",
                        json("sessionId", sessions.get(s).sessionId(), "text", id, "clientMessageId", id)));
            }
        }

        Map<String, JsonNode> answers = clients.awaitAcks(new HashSet<>(acks.values()));
        Set<String> stored = new HashSet<>();
        Set<String> refusedCodes = new HashSet<>();
        acks.forEach((id, ack) -> {
            JsonNode answer = answers.get(ack);
            if (answer.path("ok").asBoolean()) {
                stored.add(id);
            }
            else {
                refusedCodes.add(answer.path("error").path("code").asString());
            }
        });
        assertThat(refusedCodes).as("refusals").isNotEmpty().isSubsetOf("busy", "too_many_requests");
        assertThat(stored).as("acknowledged as stored").isNotEmpty();
        for (int s = 0; s < SENDERS; s++) {
            String sessionId = sessions.get(s).sessionId();
            String prefix = "m" + s + "-";
            long acknowledged = stored.stream().filter(id -> id.startsWith(prefix)).count();
            List<JsonNode> received = clients.awaitReceived("astro" + s, "message:receive", (int) acknowledged);
            assertThat(received).extracting(m -> m.path("clientMessageId").asString())
                    .as("every acknowledged message arrives once, and nothing refused")
                    .containsExactlyInAnyOrderElementsOf(stored.stream().filter(id -> id.startsWith(prefix)).toList());
            assertThat(received).extracting(m -> m.path("seq").asLong()).isSorted();
            assertThat(storedCount(sessionId)).as("refused messages are not stored").isEqualTo(acknowledged);
        }
    }

    @Test
    void theInstanceServesAgainOnceTheBurstIsOver() {
        Parties p = activeSession();
        clients.connect("user", limited.url(), p.userToken());
        for (int k = 0; k < BURST; k++) {
            clients.emit("user", "message:send", json("sessionId", p.sessionId(), "text", "burst " + k));
        }
        clients.awaitReceived("user", "message:error", 1);

        JsonNode after = Awaitility.await().atMost(WAIT).until(
                () -> clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "after")),
                answer -> answer.path("ok").asBoolean());

        assertThat(after.path("message").path("text").asString()).isEqualTo("after");
    }
}
