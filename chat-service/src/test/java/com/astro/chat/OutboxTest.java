package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.astro.chat.message.ChatMessage;
import com.astro.chat.message.Outboxes;
import com.astro.common.event.EventJson;
import com.astro.common.event.MessageSent;
import com.astro.common.event.Topics;

import tools.jackson.databind.JsonNode;

/**
 * The message outbox: a message stored but never acknowledged by the broker (its instance was killed after
 * storing it, or the producer gave up during an outage) still reaches {@code message-sent}, once, under one event id.
 * The cluster's own sweeps are off (ChatCluster); each test sweeps when it means to.
 */
class OutboxTest extends ChatTestSupport {

    private static List<MessageSent> published(String sessionId) {
        return TopicReader.values(Topics.MESSAGE_SENT).stream().map(v -> EventJson.read(v, MessageSent.class))
                .filter(e -> sessionId.equals(e.sessionId())).toList();
    }

    @Test
    void aMessageLeftUnpublishedIsPublishedByTheSweeperOnceUnderItsEventIdAndReachesTheOtherInstance() {
        Parties p = activeSession();
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        ChatMessage left = Outboxes.storeUnpublished(cluster.a(), p.sessionId(), p.userId(), "user", "left behind",
                "c-1");

        assertThat(Outboxes.sweep(cluster.a())).isEqualTo(1);
        assertThat(Outboxes.sweep(cluster.b())).isZero();

        await().atMost(WAIT).until(() -> !Outboxes.holds(cluster.a(), left.id()));
        List<MessageSent> events = published(p.sessionId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).messageId()).isEqualTo(left.id());
        assertThat(events.get(0).eventId()).isEqualTo(Outboxes.eventId(left.id()));
        assertThat(events.get(0).seq()).isEqualTo(left.seq());
        List<JsonNode> received = clients.awaitReceived("astro", "message:receive", 1);
        assertThat(received.get(0).path("id").asString()).isEqualTo(left.id());
        assertThat(Outboxes.sweep(cluster.a())).isZero();
    }

    @Test
    void aMessageTheBrokerWroteThoughTheProducerReportedFailureIsNotPublishedASecondTime() {
        Parties p = activeSession();
        ChatMessage written = Outboxes.storeUnpublished(cluster.a(), p.sessionId(), p.userId(), "user",
                "answer lost", "c-written");
        Outboxes.writtenThoughReportedFailed(cluster.a(), written);

        assertThat(Outboxes.sweep(cluster.a())).isZero();
        assertThat(Outboxes.sweep(cluster.b())).isZero();

        assertThat(Outboxes.holds(cluster.a(), written.id())).isFalse();
        assertThat(published(p.sessionId())).singleElement()
                .satisfies(event -> assertThat(event.messageId()).isEqualTo(written.id()));
    }

    @Test
    void anOutboxEntryWhoseMessageWasNeverStoredIsDroppedWithoutPublishing() {
        String orphan = Outboxes.orphanEntry(cluster.a());

        assertThat(Outboxes.sweep(cluster.a())).isZero();

        assertThat(Outboxes.holds(cluster.a(), orphan)).isFalse();
    }

    @Test
    void aResendOfAMessageThatWasNeverPublishedPublishesItWithoutStoringItAgain() {
        Parties p = activeSession();
        ChatMessage left = Outboxes.storeUnpublished(cluster.a(), p.sessionId(), p.userId(), "user", "lost ack",
                "c-resent");
        clients.connect("user", cluster.b().url(), p.userToken());

        JsonNode ack = clients.call("user", "message:send",
                json("sessionId", p.sessionId(), "text", "lost ack", "clientMessageId", "c-resent"));

        assertThat(ack.path("ok").asBoolean()).isTrue();
        assertThat(ack.path("message").path("id").asString()).isEqualTo(left.id());
        await().atMost(WAIT).until(() -> published(p.sessionId()).size() == 1);
        assertThat(published(p.sessionId()).get(0).eventId()).isEqualTo(Outboxes.eventId(left.id()));
        await().atMost(WAIT).until(() -> !Outboxes.holds(cluster.a(), left.id()));
        assertThat(storedCount(p.sessionId())).isEqualTo(1);
    }

    @Test
    void aSentMessageLeavesTheOutboxOnceTheBrokerHasIt() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());

        JsonNode ack = clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "hello"));

        String id = ack.path("message").path("id").asString();
        await().atMost(WAIT).until(() -> !Outboxes.holds(cluster.a(), id));
        assertThat(published(p.sessionId())).extracting(MessageSent::eventId).containsExactly(Outboxes.eventId(id));
        assertThat(Outboxes.sweep(cluster.a())).isZero();
    }
}
