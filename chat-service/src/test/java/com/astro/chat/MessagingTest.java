package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import tools.jackson.databind.JsonNode;

/** Messages between a user on instance A and an astrologer on instance B, through real socket.io clients. */
class MessagingTest extends ChatTestSupport {

    private void joinBoth(Parties p) {
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        assertThat(clients.call("user", "join-session", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();
        assertThat(clients.call("astro", "join-session", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("text").asString()).toList();
    }

    private static List<Long> seqs(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("seq").asLong()).toList();
    }

    @Test
    void userOnOneInstanceAndAstrologerOnAnotherExchangeMessagesBothWaysInOrder() {
        Parties p = activeSession();
        joinBoth(p);

        for (int i = 1; i <= 5; i++) {
            clients.emit("user", "message:send", json("sessionId", p.sessionId(), "text", "from user " + i));
            clients.emit("astro", "message:send", json("sessionId", p.sessionId(), "text", "from astrologer " + i));
        }

        List<JsonNode> atAstrologer = clients.awaitReceived("astro", "message:receive", 10);
        List<JsonNode> atUser = clients.awaitReceived("user", "message:receive", 10);
        assertThat(seqs(atAstrologer)).containsExactlyElementsOf(IntStream.rangeClosed(1, 10).asLongStream().boxed().toList());
        assertThat(seqs(atUser)).isEqualTo(seqs(atAstrologer));
        assertThat(texts(atUser)).isEqualTo(texts(atAstrologer));
        assertThat(texts(atUser).stream().filter(t -> t.startsWith("from user")).toList())
                .containsExactly("from user 1", "from user 2", "from user 3", "from user 4", "from user 5");
        assertThat(texts(atUser).stream().filter(t -> t.startsWith("from astrologer")).toList())
                .containsExactly("from astrologer 1", "from astrologer 2", "from astrologer 3", "from astrologer 4",
                        "from astrologer 5");
        assertThat(atAstrologer.get(0).path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(storedCount(p.sessionId())).isEqualTo(10);
    }

    @Test
    void aReceiverOnTheSendersInstanceGetsTheMessageWithoutWaitingForKafka() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.a().url(), p.astrologerToken());
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        MessageListenerContainer fanOut = cluster.a().bean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("chat-fan-out");
        fanOut.pause();
        try {
            await().atMost(WAIT).until(fanOut::isContainerPaused);

            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "straight from the store"));

            assertThat(texts(clients.awaitReceived("astro", "message:receive", 1)))
                    .containsExactly("straight from the store");
        }
        finally {
            fanOut.resume();
        }
    }

    @Test
    void theAcknowledgementCarriesTheStoredMessage() {
        Parties p = activeSession();
        joinBoth(p);

        JsonNode ack = clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", "hello", "clientMessageId", "c-1"));

        assertThat(ack.path("ok").asBoolean()).isTrue();
        JsonNode message = ack.path("message");
        assertThat(message.path("seq").asLong()).isEqualTo(1);
        assertThat(message.path("text").asString()).isEqualTo("hello");
        assertThat(message.path("senderId").asString()).isEqualTo(p.userId());
        assertThat(message.path("senderRole").asString()).isEqualTo("user");
        assertThat(message.path("clientMessageId").asString()).isEqualTo("c-1");
        assertThat(message.path("id").asString()).isNotBlank();
        assertThat(message.path("sentAt").asString()).isNotBlank();
        assertThat(clients.awaitReceived("astro", "message:receive", 1).get(0).path("id").asString())
                .isEqualTo(message.path("id").asString());
    }

    @Test
    void aRepeatedClientMessageIdIsStoredOnceAndAcknowledgedWithTheOriginal() {
        Parties p = activeSession();
        joinBoth(p);

        JsonNode first = clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", "once", "clientMessageId", "dup-1"));
        JsonNode again = clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", "once", "clientMessageId", "dup-1"));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "next", "clientMessageId", "dup-2"));

        assertThat(again.path("ok").asBoolean()).isTrue();
        assertThat(again.path("message").path("id").asString()).isEqualTo(first.path("message").path("id").asString());
        assertThat(again.path("message").path("seq").asLong()).isEqualTo(1);
        List<JsonNode> received = clients.awaitReceived("astro", "message:receive", 2);
        assertThat(texts(received)).containsExactly("once", "next");
        assertThat(storedCount(p.sessionId())).isEqualTo(2);
    }

    @Test
    void theSameClientMessageIdFromTheOtherParticipantIsADifferentMessage() {
        Parties p = activeSession();
        joinBoth(p);

        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "u", "clientMessageId", "m1"));
        JsonNode astro = clients.call("astro", "message:send",
                json("sessionId", p.sessionId(), "text", "a", "clientMessageId", "m1"));

        assertThat(astro.path("message").path("seq").asLong()).isEqualTo(2);
        assertThat(storedCount(p.sessionId())).isEqualTo(2);
    }

    @Test
    void aReconnectingClientCatchesUpAfterTheLastSeqItSawThenReceivesLiveMessages() {
        Parties p = activeSession();
        joinBoth(p);
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "m1"));
        clients.awaitReceived("astro", "message:receive", 1);
        clients.disconnect("astro");

        for (int i = 2; i <= 4; i++) {
            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "m" + i));
        }
        clients.connect("astro-again", cluster.a().url(), p.astrologerToken());
        JsonNode join = clients.call("astro-again", "join-session", json("sessionId", p.sessionId(), "afterSeq", 1));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "m5"));

        assertThat(join.path("ok").asBoolean()).isTrue();
        assertThat(join.path("replayed").asInt()).isEqualTo(3);
        List<JsonNode> received = clients.awaitReceived("astro-again", "message:receive", 4);
        assertThat(texts(received)).containsExactly("m2", "m3", "m4", "m5");
        assertThat(seqs(received)).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void catchUpFromZeroReplaysTheWholeConversation() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        for (int i = 1; i <= 3; i++) {
            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "m" + i));
        }

        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.call("astro", "join-session", json("sessionId", p.sessionId(), "afterSeq", 0));

        assertThat(texts(clients.awaitReceived("astro", "message:receive", 3))).containsExactly("m1", "m2", "m3");
    }

    @Test
    void aSocketThatLeftTheRoomReceivesNoMoreMessages() {
        Parties p = activeSession();
        joinBoth(p);
        assertThat(clients.call("astro", "leave-session", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();

        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "after leave"));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "marker"));

        clients.awaitReceived("user", "message:receive", 2);
        assertThat(clients.received("astro", "message:receive")).isEmpty();
    }

    @Test
    void messagesOfOtherSessionsDoNotReachTheRoom() {
        Parties mine = activeSession();
        Parties other = activeSession();
        joinBoth(mine);
        clients.connect("other-user", cluster.a().url(), other.userToken());
        clients.call("other-user", "join-session", json("sessionId", other.sessionId()));

        clients.call("other-user", "message:send", json("sessionId", other.sessionId(), "text", "elsewhere"));
        clients.call("user", "message:send", json("sessionId", mine.sessionId(), "text", "here"));

        assertThat(texts(clients.awaitReceived("astro", "message:receive", 1))).containsExactly("here");
        clients.awaitReceived("other-user", "message:receive", 1);
        assertThat(texts(clients.received("astro", "message:receive"))).containsExactly("here");
    }
}
