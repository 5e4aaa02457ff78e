package com.astro.socketio;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Server API behaviours seen from a client speaking the protocol frame by frame. */
class SocketApiTest {

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

    @Test
    void sidsCarryTheConfiguredPrefixForTheGateway() {
        String polling = Http.openPolling(server.url() + "/socket.io/");
        assertThat(polling).matches("i1\\.[A-Za-z0-9_-]{20}");
        RawWebSocket ws = RawWebSocket.open(server.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        assertThat(ws.nextText()).matches("0\\{\"sid\":\"i1\\.[A-Za-z0-9_-]{20}\".*");
    }

    @Test
    void emitWithAckFailsWithATimeoutWhenTheClientNeverAcknowledges() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("42[\"ask-me-timeout\"]");
        assertThat(ws.nextText()).matches("42\\d+\\[\"question\",\"q\\?\"]");
        assertThat(ws.nextText()).isEqualTo("42[\"ack-failed\",\"TimeoutException\"]");
    }

    @Test
    void emitWithAckCompletesWithTheClientsArguments() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("42[\"ask-me-timeout\"]");
        String question = ws.nextText();
        String id = question.substring(2, question.indexOf('['));
        ws.send("43" + id + "[\"yes\",{\"n\":1}]");
        assertThat(ws.nextText()).isEqualTo("42[\"ack-ok\",[\"yes\",{\"n\":1}]]");
    }

    @Test
    void aFailingMiddlewareRefusesWithAnInternalErrorAndHidesTheCause() {
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("40/broken,");
        assertThat(ws.nextText()).isEqualTo("44/broken,{\"message\":\"Internal error\"}");
    }

    @Test
    void aRejectedMiddlewareSendsItsMessageAndData() {
        RawWebSocket ws = RawWebSocket.open(server.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        ws.nextText();
        ws.send("40{\"token\":\"nope\"}");
        assertThat(ws.nextText()).isEqualTo("44{\"message\":\"unauthorized\",\"data\":{\"reason\":\"bad token\"}}");
    }

    @Test
    void theBearerHeaderAuthenticatesWhenTheAuthPayloadHasNoToken() throws Exception {
        java.net.http.WebSocket.Builder builder = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer secret");
        RawWebSocket listener = RawWebSocket.withBuilder(builder,
                server.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        listener.nextText();
        listener.send("40");
        assertThat(listener.nextText()).startsWith("40{\"sid\":");
    }
}
