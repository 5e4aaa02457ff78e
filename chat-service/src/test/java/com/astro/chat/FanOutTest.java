package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;

import com.astro.infra.PrometheusScrape;

import tools.jackson.databind.JsonNode;

/**
 * Which instance reads a {@code message-sent} record, and how the fan-out commits: every instance takes every record,
 * but only one that holds the session's room and did not store the message itself parses and delivers it. Seen
 * through the instances' {@code chat_fanout_messages_total} counters; the cluster is shared by every test class, so
 * each test compares scrapes taken before and after its own message.
 */
class FanOutTest extends ChatTestSupport {

    private static double fanOut(ChatCluster.Instance instance, String outcome) {
        return PrometheusScrape.of(instance.url()).sum("chat_fanout_messages_total", "outcome", outcome);
    }

    private void joinOn(ChatCluster.Instance userInstance, ChatCluster.Instance astrologerInstance, Parties p) {
        clients.connect("user", userInstance.url(), p.userToken());
        clients.connect("astro", astrologerInstance.url(), p.astrologerToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
    }

    @Test
    void theInstanceThatStoredAMessagePassesOverItsOwnRecordUnread() {
        Parties p = activeSession();
        joinOn(cluster.a(), cluster.a(), p);
        double deliveredHere = fanOut(cluster.a(), "delivered_here");
        double read = fanOut(cluster.a(), "read");

        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "both parties on A"));

        assertThat(clients.awaitReceived("astro", "message:receive", 1)).hasSize(1);
        await().atMost(WAIT).until(() -> fanOut(cluster.a(), "delivered_here") >= deliveredHere + 1);
        assertThat(fanOut(cluster.a(), "read")).isEqualTo(read);
    }

    @Test
    void anInstanceWithoutTheSessionsRoomPassesOverItsMessagesUnread() {
        Parties p = activeSession();
        joinOn(cluster.a(), cluster.a(), p);
        double noRoom = fanOut(cluster.b(), "no_room");
        double read = fanOut(cluster.b(), "read");

        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "nobody on B"));

        await().atMost(WAIT).until(() -> fanOut(cluster.b(), "no_room") >= noRoom + 1);
        assertThat(fanOut(cluster.b(), "read")).isEqualTo(read);
    }

    @Test
    void anInstanceHoldingTheRoomReadsAMessageStoredElsewhere() {
        Parties p = activeSession();
        joinOn(cluster.a(), cluster.b(), p);
        double read = fanOut(cluster.b(), "read");

        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "from A to B"));

        assertThat(clients.awaitReceived("astro", "message:receive", 1)).hasSize(1);
        assertThat(fanOut(cluster.b(), "read")).isGreaterThanOrEqualTo(read + 1);
    }

    @Test
    void anInstanceThatPassedOverASessionsMessagesStillNumbersItsNextOneAfterThem() {
        Parties p = activeSession();
        joinOn(cluster.a(), cluster.b(), p);
        for (int i = 1; i <= 3; i++) {
            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "from A " + i));
        }
        clients.awaitReceived("astro", "message:receive", 3);
        // the astrologer leaves B's room (disconnects), so B passes over the next messages from A
        clients.disconnect("astro");
        double noRoom = fanOut(cluster.b(), "no_room");
        for (int i = 4; i <= 5; i++) {
            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "from A " + i));
        }
        await().atMost(WAIT).until(() -> fanOut(cluster.b(), "no_room") >= noRoom + 2);

        clients.connect("astro2", cluster.b().url(), p.astrologerToken());
        JsonNode ack = clients.call("astro2", "message:send", json("sessionId", p.sessionId(), "text", "from B"));

        assertThat(ack.path("message").path("seq").asLong()).isEqualTo(6);
        assertThat(storedCount(p.sessionId())).isEqualTo(6);
    }

    @Test
    void theFanOutCommitsItsOffsetsOnceASecondWithoutWaitingForTheBroker() {
        ContainerProperties fanOut = cluster.a().bean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("chat-fan-out").getContainerProperties();

        assertThat(fanOut.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(fanOut.getAckTime()).isEqualTo(1000);
        assertThat(fanOut.isSyncCommits()).isFalse();
    }
}
