package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.astro.common.event.ChatInstanceHeartbeat;
import com.astro.common.event.ConnectionChanged;
import com.astro.common.event.EventJson;
import com.astro.common.event.Topics;

import tools.jackson.databind.JsonNode;

/**
 * {@code presence:on} / {@code presence:off} go to presence-service (a recording HTTP stand-in here) with this
 * service's credential, never the user's token; connections and heartbeats are published for presence-service's disconnect rules.
 */
class PresenceAndConnectionsTest extends ChatTestSupport {

    @Test
    void presenceOnCallsPresenceServiceWithTheServiceCredentialNotTheUsersTokenAndAcknowledges() {
        String astrologer = newId("astro");
        String token = token(astrologer, "astrologer");
        clients.connect("astro", cluster.a().url(), token);

        JsonNode on = clients.call("astro", "presence:on");
        JsonNode off = clients.call("astro", "presence:off");

        assertThat(on.path("ok").asBoolean()).isTrue();
        assertThat(off.path("ok").asBoolean()).isTrue();
        List<PresenceStandIn.Call> calls = cluster.presence().calls().stream()
                .filter(c -> c.path().contains(astrologer)).toList();
        assertThat(calls).extracting(PresenceStandIn.Call::path).containsExactly(
                "/internal/v1/astrologers/" + astrologer + "/online",
                "/internal/v1/astrologers/" + astrologer + "/offline");
        assertThat(calls).extracting(PresenceStandIn.Call::credential).containsOnly("dev-presence-credential");
        assertThat(calls).extracting(PresenceStandIn.Call::authorization).containsOnlyNulls();
    }

    @Test
    void theSeedsPresenceOnWithTheAstrologersIdAsPayloadWorksToo() {
        String astrologer = newId("astro");
        clients.connect("astro", cluster.b().url(), token(astrologer, "astrologer"));

        JsonNode ack = clients.call("astro", "presence:on", astrologer);

        assertThat(ack.path("ok").asBoolean()).isTrue();
        assertThat(cluster.presence().calls()).filteredOn(c -> c.path().contains(astrologer)).hasSize(1);
    }

    @Test
    void presenceServiceRefusingAnswersAnErrorAcknowledgementAndMessageError() {
        String astrologer = newId("astro");
        clients.connect("astro", cluster.a().url(), token(astrologer, "astrologer"));
        cluster.presence().answer(503);
        try {
            JsonNode ack = clients.call("astro", "presence:on");

            assertThat(ack.path("ok").asBoolean()).isFalse();
            assertThat(ack.path("error").path("code").asString()).isEqualTo("presence_failed");
            assertThat(clients.awaitReceived("astro", "message:error", 1).get(0).path("code").asString())
                    .isEqualTo("presence_failed");
        }
        finally {
            cluster.presence().answer(200);
        }
    }

    @Test
    void aUserWhoIsNotAnAstrologerCannotGoOnline() {
        String user = newId("user");
        clients.connect("user", cluster.a().url(), token(user, "user"));

        JsonNode ack = clients.call("user", "presence:on");

        assertThat(ack.path("error").path("code").asString()).isEqualTo("forbidden");
        assertThat(cluster.presence().calls()).noneMatch(c -> c.path().contains(user));
    }

    @Test
    void aFresherTokenPassedWithPresenceOnIsAcceptedAndNotForwarded() {
        String astrologer = newId("astro");
        clients.connect("astro", cluster.a().url(), token(astrologer, "astrologer"));
        String fresh = token(astrologer, "astrologer");

        JsonNode ack = clients.call("astro", "presence:on", SocketClients.json("token", fresh));

        assertThat(ack.path("ok").asBoolean()).isTrue();
        assertThat(cluster.presence().calls()).filteredOn(c -> c.path().contains(astrologer))
                .extracting(PresenceStandIn.Call::authorization).containsOnlyNulls();
    }

    @Test
    void aTokenOfAnotherUserIsRefusedWithoutCallingPresence() {
        String astrologer = newId("astro");
        clients.connect("astro", cluster.a().url(), token(astrologer, "astrologer"));

        JsonNode ack = clients.call("astro", "presence:on", SocketClients.json("token", token(newId("astro"), "astrologer")));

        assertThat(ack.path("error").path("code").asString()).isEqualTo("forbidden");
        assertThat(cluster.presence().calls()).noneMatch(c -> c.path().contains(astrologer));
    }

    @Test
    void presenceServiceRefusingTheServiceCredentialIsReportedAsAPresenceFailure() {
        String astrologer = newId("astro");
        clients.connect("astro", cluster.a().url(), token(astrologer, "astrologer"));
        cluster.presence().answer(401);
        try {
            JsonNode ack = clients.call("astro", "presence:off");

            assertThat(ack.path("error").path("code").asString()).isEqualTo("presence_failed");
            assertThat(ack.path("error").path("message").asString()).contains("PRESENCE_SERVICE_CREDENTIAL");
        }
        finally {
            cluster.presence().answer(200);
        }
    }

    private static List<ConnectionChanged> connectionEvents(String userId) {
        return TopicReader.values(Topics.CHAT_CONNECTIONS).stream()
                .map(v -> EventJson.read(v, ConnectionChanged.class)).filter(e -> userId.equals(e.userId())).toList();
    }

    @Test
    void openingAndClosingASocketPublishesConnectionEvents() {
        String astrologer = newId("astro");
        String socketId = clients.connect("astro", cluster.b().url(), token(astrologer, "astrologer"));

        await().atMost(WAIT).until(() -> connectionEvents(astrologer).size() == 1);
        clients.disconnect("astro");
        await().atMost(WAIT).until(() -> connectionEvents(astrologer).size() == 2);

        List<ConnectionChanged> events = connectionEvents(astrologer);
        assertThat(events).extracting(ConnectionChanged::connected).containsExactly(true, false);
        assertThat(events).extracting(ConnectionChanged::instanceId).containsOnly("b");
        assertThat(events).extracting(ConnectionChanged::role).containsOnly("astrologer");
        assertThat(events.get(0).connectionId()).isEqualTo(events.get(1).connectionId()).isEqualTo(socketId);
    }

    @Test
    void anInstanceShuttingDownClosesItsSocketsAndPublishesTheirDisconnects() {
        ChatCluster.Instance leaving = ChatCluster.start("leaving-" + newId("c"), cluster.presence().url());
        String astrologer = newId("astro");
        clients.connect("astro", leaving.url(), token(astrologer, "astrologer"));
        await().atMost(WAIT).until(() -> connectionEvents(astrologer).size() == 1);

        leaving.close();

        await().atMost(WAIT).until(() -> connectionEvents(astrologer).size() == 2);
        assertThat(connectionEvents(astrologer).get(1).connected()).isFalse();
        await().atMost(WAIT).until(() -> clients.reports("astro").stream()
                .anyMatch(r -> "disconnect".equals(r.path("type").asString())));
    }

    @Test
    void heartbeatsListTheConnectionsTheInstanceHolds() {
        String astrologer = newId("astro");
        clients.connect("astro", cluster.a().url(), token(astrologer, "astrologer"));

        await().atMost(WAIT).until(() -> TopicReader.values(Topics.CHAT_HEARTBEATS).stream()
                .map(v -> EventJson.read(v, ChatInstanceHeartbeat.class))
                .anyMatch(h -> h.instanceId().equals("a") && h.intervalMillis() == 1000
                        && h.connections().stream().anyMatch(c -> c.userId().equals(astrologer)
                                && c.role().equals("astrologer"))));
    }
}
