package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.socketio.server.SocketIoServer;

import tools.jackson.databind.JsonNode;

/** An instance holds a bounded number of connections per client address (the tests' clients share one). */
class ConnectionCapTest extends ChatTestSupport {

    private static ChatCluster.Instance capped;

    @BeforeAll
    static void startAnInstanceWithACapOfTwoPerAddress() {
        capped = ChatCluster.start("capped", ChatCluster.shared().presence().url(),
                "--astro.chat.max-connections-per-address=2");
    }

    @AfterAll
    static void stopIt() {
        capped.close();
    }

    @Test
    void aConnectionPastTheCapPerAddressIsRefusedAtTheHandshake() {
        clients.connect("first", capped.url(), token(newId("user"), "user"));
        clients.connect("second", capped.url(), token(newId("user"), "user"));

        JsonNode third = clients.tryConnect("third", capped.url(), token(newId("user"), "user"), List.of("polling"), false);

        assertThat(third.path("type").asString()).isEqualTo("connect_error");
        assertThat(capped.bean(SocketIoServer.class).engineSessions()).isEqualTo(2);
    }
}
