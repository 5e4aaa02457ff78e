package com.astro.socketio;

import java.time.Duration;

import com.astro.socketio.fixture.ConformanceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The behaviours of the Socket.IO protocol v5 test-suite (socketio/socket.io-protocol), frame by frame, against
 * the conformance fixture at /socket.io/.
 */
class SocketIoConformanceTest {

    static DisposableServer fixture;
    static String wsUrl;

    @BeforeAll
    static void start() {
        // long heartbeats: this suite's subject is the Socket.IO layer, and a loaded machine must not miss a pong
        fixture = ConformanceFixture.start(0, Duration.ofSeconds(30), Duration.ofSeconds(30));
        wsUrl = "ws://localhost:" + fixture.port() + "/socket.io/?EIO=4&transport=websocket";
    }

    @AfterAll
    static void stop() {
        fixture.disposeNow();
    }

    private static RawWebSocket engineOpen() {
        RawWebSocket ws = RawWebSocket.open(wsUrl);
        assertThat(ws.nextText()).startsWith("0{");
        return ws;
    }

    private static RawWebSocket connected() {
        RawWebSocket ws = engineOpen();
        ws.send("40");
        assertThat(ws.nextText()).startsWith("40{\"sid\":");
        assertThat(ws.nextText()).isEqualTo("42[\"auth\",{}]");
        return ws;
    }

    @Test
    void connectsToTheMainNamespaceAndReceivesTheAuthEvent() {
        RawWebSocket ws = engineOpen();
        ws.send("40{\"token\":\"123\"}");
        assertThat(ws.nextText()).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
        assertThat(ws.nextText()).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
    }

    @Test
    void connectsToACustomNamespaceWithAPayload() {
        RawWebSocket ws = engineOpen();
        ws.send("40/custom,{\"token\":\"abc\"}");
        assertThat(ws.nextText()).startsWith("40/custom,{\"sid\":");
        assertThat(ws.nextText()).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
    }

    @Test
    void refusesAnUnknownNamespace() {
        RawWebSocket ws = engineOpen();
        ws.send("40/random");
        assertThat(ws.nextText()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void closesUponAnInvalidHandshake() {
        RawWebSocket ws = engineOpen();
        ws.send("4abc");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void disconnectingFromACustomNamespaceLeavesTheMainOneWorking() {
        RawWebSocket ws = connected();
        ws.send("40/custom");
        assertThat(ws.nextText()).startsWith("40/custom,");
        assertThat(ws.nextText()).startsWith("42/custom,[\"auth\"");
        ws.send("41/custom");
        ws.send("42[\"message\",\"message to main namespace\"]");
        assertThat(ws.nextText()).isEqualTo("42[\"message-back\",\"message to main namespace\"]");
    }

    @Test
    void echoesAPlainTextEvent() {
        RawWebSocket ws = connected();
        ws.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
        assertThat(ws.nextText()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
    }

    @Test
    void echoesAnEventWithBinaryAttachments() {
        RawWebSocket ws = connected();
        ws.send("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        ws.sendBinary(new byte[] {1, 2, 3});
        ws.sendBinary(new byte[] {4, 5, 6});
        assertThat(ws.nextText())
                .isEqualTo("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await().until(() -> ws.received.size() >= 2);
        assertThat((byte[]) ws.received.poll()).containsExactly(1, 2, 3);
        assertThat((byte[]) ws.received.poll()).containsExactly(4, 5, 6);
    }

    @Test
    void acknowledgesWithTheSameArguments() {
        RawWebSocket ws = connected();
        ws.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertThat(ws.nextText()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
    }

    @Test
    void acknowledgesWithBinaryAttachments() {
        RawWebSocket ws = connected();
        ws.send("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        ws.sendBinary(new byte[] {1, 2, 3});
        ws.sendBinary(new byte[] {4, 5, 6});
        assertThat(ws.nextText()).isEqualTo("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await().until(() -> ws.received.size() >= 2);
        assertThat((byte[]) ws.received.poll()).containsExactly(1, 2, 3);
        assertThat((byte[]) ws.received.poll()).containsExactly(4, 5, 6);
    }

    @Test
    void closesUponAnUnknownPacketType() {
        RawWebSocket ws = connected();
        ws.send("4abc");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void closesUponAnInvalidPayloadFormat() {
        RawWebSocket ws = connected();
        ws.send("42{}");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void closesUponAnInvalidAckId() {
        RawWebSocket ws = connected();
        ws.send("42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void closesAConnectionThatJoinsNoNamespaceWithinTheConnectTimeout() {
        RawWebSocket ws = engineOpen();
        ws.awaitClosed(Duration.ofSeconds(3));
    }
}
