package com.astro.socketio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.astro.infra.NodeScript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Malformed or hostile input at the engine: each case shows the offending connection closed (or the request
 * refused) cleanly, the socket told why, and a fresh client still served.
 */
class MalformedInputTest {

    private static final String AUTH = "{\"token\":\"secret\"}";

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void closedWithReason(RawWebSocket ws, String reason) {
        ws.awaitClosed(Duration.ofSeconds(5));
        await().untilAsserted(() -> assertThat(server.disconnectReasons.get(ws.socketId)).isEqualTo(reason));
        RawWebSocket.serverStillServes(server.url());
    }

    @Test
    void unknownEnginePacketTypeClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("9oops");
        closedWithReason(ws, "parse error");
    }

    @Test
    void unknownSocketIoPacketTypeClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("47[\"echo\"]");
        closedWithReason(ws, "parse error");
    }

    @Test
    void badJsonClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("42[\"echo\",");
        closedWithReason(ws, "parse error");
    }

    @Test
    void eventWithoutANameClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("42[]");
        closedWithReason(ws, "parse error");
    }

    @Test
    void placeholderBeyondTheAttachmentCountClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("451-[\"echo\",{\"_placeholder\":true,\"num\":1}]");
        ws.sendBinary(new byte[] {1});
        closedWithReason(ws, "parse error");
    }

    @Test
    void textWhileAttachmentsAreExpectedClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("452-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        ws.sendBinary(new byte[] {1});
        ws.send("42[\"echo\",1]");
        closedWithReason(ws, "parse error");
    }

    @Test
    void binaryFrameOutsideABinaryPacketClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.sendBinary(new byte[] {1, 2, 3});
        closedWithReason(ws, "parse error");
    }

    @Test
    void tooManyAttachmentsClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("4511-[\"echo\"]");
        closedWithReason(ws, "parse error");
    }

    @Test
    void webSocketFrameOverMaxPayloadClosesTheConnection() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("42[\"echo\",\"" + "x".repeat(100_001) + "\"]");
        ws.awaitClosed(Duration.ofSeconds(5));
        await().untilAsserted(() -> assertThat(server.disconnectReasons.get(ws.socketId)).isNotNull());
        RawWebSocket.serverStillServes(server.url());
    }

    @Test
    void pollingBodyOverMaxPayloadIsRefusedWith413AndEndsTheSession() {
        String engine = server.url() + "/socket.io/";
        String sid = Http.openPolling(engine);
        String session = engine + "?EIO=4&transport=polling&sid=" + sid;
        HttpResponse<String> response = Http.post(session, "4" + "x".repeat(100_001));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Http.get(session).statusCode()).isEqualTo(400);
        RawWebSocket.serverStillServes(server.url());
    }

    @Test
    void webSocketUpgradeForAnUnknownSidIsRefusedWithCode1() {
        Throwable error = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.url().replace("http", "ws")
                        + "/socket.io/?EIO=4&transport=websocket&sid=unknown"), new WebSocket.Listener() {
                        }).join());
        assertThat(error).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) error.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).asString().contains("\"code\":1");
    }

    @Test
    void eventsForANamespaceTheClientNeverJoinedAreIgnored() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("42/custom,[\"echo\",1]");
        ws.send("421[\"echo-ack\",2]");
        assertThat(ws.nextText()).isEqualTo("431[2]");
    }

    @Test
    void aBurstOfPacketsIsServedInOrder() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        int count = 500;
        for (int i = 0; i < count; i++) {
            ws.send("42" + i + "[\"echo-ack\"," + i + "]");
        }
        for (int i = 0; i < count; i++) {
            assertThat(ws.nextText()).isEqualTo("43" + i + "[" + i + "]");
        }
    }

    @Test
    void aFloodFromAClientThatDoesNotReadClosesItAsASlowConsumerWhileOthersAreServed() {
        try (TestServer small = new TestServer(server.socketIo.options().withMaxBufferedPackets(64)
                .withHeartbeat(Duration.ofSeconds(20), Duration.ofSeconds(20)))) {
            RawWebSocket other = RawWebSocket.socketIo(small.url(), AUTH);
            CompletableFuture<NodeScript.Result> flood = CompletableFuture.supplyAsync(() -> NodeScript.run(
                    Path.of("src/test/js/slow-consumer.js"), Map.of("URL", small.url()), Duration.ofSeconds(30)));
            for (int i = 0; !flood.isDone(); i++) {
                other.send("42" + i + "[\"echo-ack\"," + i + "]");
                assertThat(other.nextText()).isEqualTo("43" + i + "[" + i + "]");
            }
            NodeScript.Result result = flood.join();
            assertThat(result.stdout()).as(result.stderr()).contains("sent").contains("closed");
            await().untilAsserted(() -> assertThat(small.disconnectReasons.values()).contains("slow consumer"));
            RawWebSocket.serverStillServes(small.url());
        }
    }
}
