package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import com.astro.common.event.Topics;

import tools.jackson.databind.JsonNode;

/** Contact details never reach the other participant, the history or the message-sent topic (real socket.io clients). */
class ModerationTest extends ChatTestSupport {

    private static final String WITH_CONTACTS = "call me on +91 98765 43210 or mail asha at gmail dot com, insta: asha.astro";

    private static final String MASKED = "call me on *** or mail ***, ***";

    @Test
    void contactDetailsAreMaskedForTheSenderTheOtherParticipantAndTheHistory() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));

        JsonNode ack = clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", WITH_CONTACTS));

        assertThat(ack.path("message").path("text").asString()).isEqualTo(MASKED);
        assertThat(clients.awaitReceived("astro", "message:receive", 1).get(0).path("text").asString()).isEqualTo(MASKED);
        JsonNode replayed = clients.call("user", "join-session", json("sessionId", p.sessionId(), "afterSeq", 0));
        assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
        assertThat(clients.awaitReceived("user", "message:receive", 1).get(0).path("text").asString()).isEqualTo(MASKED);
    }

    @Test
    void theMessageSentEventCarriesTheMaskedText() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());

        String id = clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", WITH_CONTACTS))
                .path("message").path("id").asString();

        await().atMost(WAIT).untilAsserted(() -> assertThat(TopicReader.values(Topics.MESSAGE_SENT))
                .filteredOn(value -> value.contains(id))
                .singleElement()
                .satisfies(value -> assertThat(value).contains(MASKED).doesNotContain("98765").doesNotContain("gmail")));
    }
}
