package com.astro.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.astro.socketio.engine.SessionLimits;
import com.astro.socketio.server.SocketIoOptions;

import reactor.core.publisher.Mono;

/**
 * Connections that cannot become sockets do not live on: a refused CONNECT closes the Engine.IO session, an
 * unanswered one does not stop the connect timeout; and an instance holds a bounded number of sessions, in all
 * and per client address.
 */
class ConnectionLimitsTest {

    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(10);

    @Test
    void aSessionWhoseConnectWasRefusedIsClosed() {
        try (TestServer server = new TestServer(options().withConnectTimeout(Duration.ofMinutes(5)))) {
            RawWebSocket ws = RawWebSocket.open(wsUrl(server));
            assertThat(ws.nextText()).startsWith("0{");

            ws.send("40{\"token\":\"wrong\"}");

            assertThat(ws.nextText()).startsWith("44{\"message\":\"unauthorized\"");
            ws.awaitClosed(CLOSED_WITHIN);
        }
    }

    @Test
    void aPollingClientReceivesTheRefusalBeforeItsSessionIsClosed() {
        try (TestServer server = new TestServer(options().withConnectTimeout(Duration.ofMinutes(5)))) {
            String engineUrl = server.url() + "/socket.io/";
            String sid = Http.openPolling(engineUrl);
            String session = engineUrl + "?EIO=4&transport=polling&sid=" + sid;

            Http.post(session, "40{\"token\":\"wrong\"}");

            assertThat(Http.get(session).body()).startsWith("44{\"message\":\"unauthorized\"");
            await().atMost(CLOSED_WITHIN).until(() -> Http.get(session).statusCode() == 400);
        }
    }

    @Test
    void aConnectStillBeingAdmittedDoesNotStopTheConnectTimeout() {
        try (TestServer server = new TestServer(options().withConnectTimeout(Duration.ofSeconds(1)))) {
            server.socketIo.namespace("/stuck").use(handshake -> Mono.never());
            RawWebSocket ws = RawWebSocket.open(wsUrl(server));
            assertThat(ws.nextText()).startsWith("0{");

            ws.send("40/stuck,");

            ws.awaitClosed(CLOSED_WITHIN);
        }
    }

    @Test
    void aConnectedSessionOutlivesTheConnectTimeout() {
        try (TestServer server = new TestServer(options().withConnectTimeout(Duration.ofMillis(500)))) {
            RawWebSocket ws = RawWebSocket.socketIo(server.url(), "{\"token\":\"secret\"}");
            await().pollDelay(Duration.ofSeconds(1)).atMost(CLOSED_WITHIN).until(() -> true);

            ws.send("427[\"echo-ack\",\"still here\"]");

            assertThat(ws.nextText()).isEqualTo("437[\"still here\"]");
        }
    }

    @Test
    void handshakesPastTheCapPerAddressAreRefusedWith429() {
        try (TestServer server = new TestServer(options().withSessionLimits(new SessionLimits(100, 2, true)))) {
            assertThat(handshake(server, "203.0.113.7").statusCode()).isEqualTo(200);
            assertThat(handshake(server, "203.0.113.7").statusCode()).isEqualTo(200);

            HttpResponse<String> third = handshake(server, "203.0.113.7");

            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).isEqualTo("{\"code\":4,\"message\":\"Too many sessions from this address\"}");
            assertThat(handshake(server, "203.0.113.8").statusCode()).as("another address").isEqualTo(200);
        }
    }

    @Test
    void theAddressCountedIsTheOneTheProxyAppendedNotOneTheClientWrote() {
        try (TestServer server = new TestServer(options().withSessionLimits(new SessionLimits(100, 1, true)))) {
            assertThat(handshake(server, "198.51.100.1, 203.0.113.7").statusCode()).isEqualTo(200);

            assertThat(handshake(server, "198.51.100.2, 203.0.113.7").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void handshakesPastTheInstanceCapAreRefusedWith503OverBothTransports() {
        try (TestServer server = new TestServer(options().withSessionLimits(new SessionLimits(1, 100, false)))) {
            assertThat(handshake(server, null).statusCode()).isEqualTo(200);

            HttpResponse<String> polling = handshake(server, null);

            assertThat(polling.statusCode()).isEqualTo(503);
            assertThat(polling.body()).isEqualTo("{\"code\":4,\"message\":\"Server full\"}");
            assertThatThrownBy(() -> RawWebSocket.open(wsUrl(server)))
                    .rootCause().hasMessageContaining("status code 503");
        }
    }

    @Test
    void aClosedSessionGivesBackItsPlace() {
        try (TestServer server = new TestServer(options().withSessionLimits(new SessionLimits(1, 1, false)))) {
            String engineUrl = server.url() + "/socket.io/";
            String sid = Http.openPolling(engineUrl);
            assertThat(handshake(server, null).statusCode()).isEqualTo(503);

            Http.post(engineUrl + "?EIO=4&transport=polling&sid=" + sid, "1");

            await().atMost(CLOSED_WITHIN).until(() -> handshake(server, null).statusCode() == 200);
        }
    }

    private static SocketIoOptions options() {
        return SocketIoOptions.defaults().withHeartbeat(Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    private static String wsUrl(TestServer server) {
        return server.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket";
    }

    private static HttpResponse<String> handshake(TestServer server, String forwardedFor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/socket.io/?EIO=4&transport=polling"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return Http.send(request.GET().build());
    }
}
