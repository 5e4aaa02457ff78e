package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Rates;
import com.astro.infra.PrometheusScrape;
import com.astro.socketio.server.Namespace;
import com.astro.socketio.server.SocketIoServer;

/**
 * The chat domain's meters as a scraper sees them at {@code /actuator/prometheus}, after real socket traffic.
 * The cluster is shared by every test class, so each test compares a scrape after its traffic with one before.
 */
class ChatMetricsTest extends ChatTestSupport {

    private static PrometheusScrape scrape(ChatCluster.Instance instance) {
        return PrometheusScrape.of(instance.url());
    }

    /** A user on instance A sends one message to an astrologer on instance B; both joined the session. */
    private void oneMessageFromAToB() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "hello"));
        clients.awaitReceived("astro", "message:receive", 1);
    }

    @Test
    void theEndpointIsOpenWithoutATokenAndNamesTheApplication() {
        assertThat(scrape(cluster.a()).has("jvm_memory_used_bytes", "application", "chat-service")).isTrue();
    }

    /** Compared with the server's own count, since sockets of earlier tests may still be closing meanwhile. */
    @Test
    void theSocketGaugeFollowsTheSocketsOpenAndClosed() {
        Namespace sockets = cluster.a().bean(SocketIoServer.class).sockets();
        clients.connect("one", cluster.a().url(), token(newId("user"), "user"));
        clients.connect("two", cluster.a().url(), token(newId("user"), "user"));

        await().atMost(WAIT).until(() -> sockets.socketCount() >= 2
                && scrape(cluster.a()).sum("chat_sockets_connected") == sockets.socketCount());
        clients.disconnect("two");
        await().atMost(WAIT).until(() -> scrape(cluster.a()).sum("chat_sockets_connected") == sockets.socketCount());
    }

    @Test
    void aClosedSocketIsCountedByTheReasonItClosed() {
        String reason = "client namespace disconnect";
        double before = scrape(cluster.a()).sum("chat_sockets_closed_total", "reason", reason);
        clients.connect("leaving", cluster.a().url(), token(newId("user"), "user"));

        clients.disconnect("leaving");

        await().atMost(WAIT).until(() -> scrape(cluster.a()).sum("chat_sockets_closed_total", "reason", reason) >= before + 1);
    }

    @Test
    void aSentMessageIsCountedAsStoredWhereItWasSentAndAsDeliveredWhereItWasReceived() {
        double storedBefore = scrape(cluster.a()).sum("chat_messages_stored_total");
        double deliveredBefore = scrape(cluster.b()).sum("chat_messages_delivered_total");

        oneMessageFromAToB();

        assertThat(scrape(cluster.a()).sum("chat_messages_stored_total")).isGreaterThanOrEqualTo(storedBefore + 1);
        assertThat(scrape(cluster.b()).sum("chat_messages_delivered_total"))
                .isGreaterThanOrEqualTo(deliveredBefore + 1);
    }

    @Test
    void aDeliveryIsTimedInTheLatencyHistogram() {
        double before = scrape(cluster.b()).sum("chat_delivery_latency_seconds_count");

        oneMessageFromAToB();

        PrometheusScrape after = scrape(cluster.b());
        assertThat(after.sum("chat_delivery_latency_seconds_count")).isGreaterThanOrEqualTo(before + 1);
        assertThat(after.sum("chat_delivery_latency_seconds_bucket", "le", "+Inf")).isGreaterThanOrEqualTo(before + 1);
        assertThat(after.has("chat_delivery_latency_seconds_bucket", "le", "0.1")).isTrue();
    }

    @Test
    void aRefusedMessageIsCountedByItsReason() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        double before = scrape(cluster.a()).sum("chat_messages_refused_total", "reason", "empty_text");

        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "   "));

        assertThat(scrape(cluster.a()).sum("chat_messages_refused_total", "reason", "empty_text"))
                .isEqualTo(before + 1);
    }

    @Test
    void anOnlineListBroadcastIsCounted() {
        double before = scrape(cluster.a()).sum("chat_presence_broadcasts_total", "kind", "list");
        String astrologer = newId("astro");

        cluster.events().publish(PresenceChanged.of(Instant.now(), astrologer, "Name of " + astrologer, true, false,
                null, Instant.now(), new Rates(10L, null, null), 1)).block(WAIT);

        await().atMost(WAIT).until(
                () -> scrape(cluster.a()).sum("chat_presence_broadcasts_total", "kind", "list") > before);
    }

    @Test
    void kafkaConsumerLagIsServed() {
        assertThat(scrape(cluster.a()).has("kafka_consumer_fetch_manager_records_lag_max")).isTrue();
    }
}
