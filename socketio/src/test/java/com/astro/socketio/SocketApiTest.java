package com.astro.socketio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.astro.socketio.server.Admission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer secret");
        RawWebSocket listener = RawWebSocket.withBuilder(builder,
                server.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        listener.nextText();
        listener.send("40");
        assertThat(listener.nextText()).startsWith("40{\"sid\":");
    }

    @Test
    void withConfiguredOriginsAnyOtherOriginIsForbidden() {
        try (TestServer strict = new TestServer(server.socketIo.options()
                .withAllowedOrigins(List.of("https://app.example")))) {
            HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(
                    URI.create(strict.url() + "/socket.io/?EIO=4&transport=polling"))
                    .header("Origin", "https://evil.example").GET().build());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("{\"code\":4,\"message\":\"Forbidden\"}");
            HttpResponse<String> allowed = Http.send(HttpRequest.newBuilder(
                    URI.create(strict.url() + "/socket.io/?EIO=4&transport=polling"))
                    .header("Origin", "https://app.example").GET().build());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example");
        }
    }

    @Test
    void withoutConfiguredOriginsCorsIsLeftToTheGateway() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                URI.create(server.url() + "/socket.io/?EIO=4&transport=polling"))
                .header("Origin", "https://anything.example").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void eventsSentWhileConnectionHandlersStillRunAreDeliveredAfterThem() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.socketIo.namespace("/slow")
                .use(handshake -> Mono.fromCallable(Admission::accept)
                        .subscribeOn(Schedulers.boundedElastic()))
                .onConnection(socket -> {
                    // runs on the middleware's thread; the handler is registered only after the event arrived
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    socket.on("early", (args, ack) -> socket.emit("got-early", args.toArray()));
                });
        RawWebSocket ws = RawWebSocket.socketIo(server.url(), AUTH);
        ws.send("40/slow,");
        assertThat(ws.nextText()).startsWith("40/slow,{\"sid\":");
        ws.send("42/slow,[\"early\",1]");
        ws.send("40/custom,");
        // the inbound side handles one connection's packets in order: once /custom answers, "early" was received
        assertThat(ws.nextText()).startsWith("40/custom,");
        release.countDown();
        String next = ws.nextText();
        if (next.startsWith("42/custom,")) {
            next = ws.nextText();
        }
        assertThat(next).isEqualTo("42/slow,[\"got-early\",1]");
    }
}
