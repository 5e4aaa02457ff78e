package com.astro.socketio;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.astro.socketio.fixture.ConformanceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The behaviours of the Engine.IO protocol v4 test-suite (socketio/engine.io-protocol), run against the
 * conformance fixture's raw echo server at /engine.io/. Handshake and heartbeat tests use the spec's timings
 * (ping interval 300 ms, timeout 200 ms); the others a fixture with long heartbeats, so a loaded machine cannot
 * slip a ping into their exchanges.
 */
class EngineIoConformanceTest {

    static DisposableServer specTimings;
    static DisposableServer steady;
    static DisposableServer patient;
    static String patientUrl;
    static String specUrl;
    static String url;
    static String wsUrl;

    @BeforeAll
    static void start() {
        specTimings = ConformanceFixture.start(0);
        steady = ConformanceFixture.start(0, Duration.ofSeconds(30), Duration.ofSeconds(30));
        // the spec's ping interval with a pong window a loaded machine cannot miss
        patient = ConformanceFixture.start(0, Duration.ofMillis(300), Duration.ofSeconds(3));
        patientUrl = "http://localhost:" + patient.port() + "/engine.io/";
        specUrl = "http://localhost:" + specTimings.port() + "/engine.io/";
        url = "http://localhost:" + steady.port() + "/engine.io/";
        wsUrl = url.replace("http", "ws");
    }

    @AfterAll
    static void stop() {
        specTimings.disposeNow();
        steady.disposeNow();
        patient.disposeNow();
    }

    private static String session(String sid) {
        return url + "?EIO=4&transport=polling&sid=" + sid;
    }

    private static String specSession(String sid) {
        return specUrl + "?EIO=4&transport=polling&sid=" + sid;
    }

    @Test
    void pollingHandshakeOpensASessionWithTheConfiguredTimings() {
        HttpResponse<String> response = Http.get(specUrl + "?EIO=4&transport=polling");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"\\],"
                + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}");
    }

    @Test
    void invalidEioIsRefusedWithCode5() {
        assertThat(Http.get(url + "?transport=polling")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        });
        assertThat(Http.get(url + "?EIO=abc&transport=polling").statusCode()).isEqualTo(400);
    }

    @Test
    void invalidTransportIsRefusedWithCode0() {
        assertThat(Http.get(url + "?EIO=4").body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
        assertThat(Http.get(url + "?EIO=4&transport=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void handshakeWithAnotherMethodIsRefusedWithCode2() {
        assertThat(Http.post(url + "?EIO=4&transport=polling", "")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("\"code\":2");
        });
        HttpResponse<String> put = Http.send(HttpRequest.newBuilder(URI.create(url + "?EIO=4&transport=polling"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(put.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownSidIsRefusedWithCode1() {
        HttpResponse<String> response = Http.get(session("nope"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void webSocketHandshakeOffersNoUpgrade() {
        RawWebSocket ws = RawWebSocket.open(specUrl.replace("http", "ws") + "?EIO=4&transport=websocket");
        assertThat(ws.nextText()).startsWith("0{").contains("\"upgrades\":[]").contains("\"pingInterval\":300")
                .contains("\"maxPayload\":1000000");
    }

    @Test
    void webSocketTransportWithoutUpgradeHeaderIsABadRequest() {
        HttpResponse<String> response = Http.get(url + "?EIO=4&transport=websocket");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":3");
    }

    @Test
    void pollingEchoesTextAndBinaryPacketsJoinedByTheRecordSeparator() {
        String sid = Http.openPolling(url);
        HttpResponse<String> push = Http.post(session(sid), "4hello\u001ebAQIDBA==\u001e4world");
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(push.body()).isEqualTo("ok");
        assertThat(Http.get(session(sid)).body()).isEqualTo("4hello\u001ebAQIDBA==\u001e4world");
    }

    @Test
    void pollingSessionIsClosedUponAnInvalidPacket() {
        String sid = Http.openPolling(url);
        assertThat(Http.post(session(sid), "abc").statusCode()).isEqualTo(400);
        assertThat(Http.get(session(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void duplicatePollRequestsCloseTheSession() {
        String sid = Http.openPolling(url);
        CompletableFuture<HttpResponse<String>> first = Http.getAsync(session(sid));
        await().until(() -> {
            // the first GET is parked once a second one is refused; retry until it is
            HttpResponse<String> second = Http.get(session(sid) + "&t=burst");
            return second.statusCode() == 400;
        });
        HttpResponse<String> firstResponse = first.join();
        assertThat(firstResponse.statusCode()).isEqualTo(200);
        assertThat(firstResponse.body()).isIn("1", "2\u001e1", "2");
        assertThat(Http.get(session(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void pollingPingsArriveAndPongsKeepTheSessionOpen() {
        String sid = Http.openPolling(patientUrl);
        String patientSession = patientUrl + "?EIO=4&transport=polling&sid=" + sid;
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(patientSession).body()).isEqualTo("2");
            assertThat(Http.post(patientSession, "3").body()).isEqualTo("ok");
        }
    }

    @Test
    void pollingSessionIsClosedUponPingTimeout() {
        String sid = Http.openPolling(specUrl);
        assertThat(Http.get(specSession(sid)).body()).isEqualTo("2");
        await().atMost(Duration.ofSeconds(2)).until(() -> Http.post(specSession(sid), "4late").statusCode() == 400);
    }

    @Test
    void webSocketPingsArriveAndMissingPongsClose() {
        RawWebSocket ws = RawWebSocket.open(specUrl.replace("http", "ws") + "?EIO=4&transport=websocket", true, false);
        ws.nextText();
        assertThat(ws.nextText()).isEqualTo("2");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void webSocketEchoesTextAndBinary() {
        RawWebSocket ws = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket");
        ws.nextText();
        ws.send("4hello");
        assertThat(ws.nextText()).isEqualTo("4hello");
        ws.sendBinary(new byte[] {1, 2, 3, 4});
        await().until(() -> ws.received.peek() != null);
        assertThat((byte[]) ws.received.poll()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void webSocketSessionIsClosedUponAnInvalidPacket() {
        RawWebSocket ws = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket");
        ws.nextText();
        ws.send("abc");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void closePacketEndsAPendingPollWithANoop() {
        // the GET must be parked before the CLOSE arrives; when it lost the race (400), try again on a new session
        await().untilAsserted(() -> {
            String sid = Http.openPolling(url);
            CompletableFuture<HttpResponse<String>> poll = Http.getAsync(session(sid));
            assertThat(Http.post(session(sid), "1").statusCode()).isEqualTo(200);
            HttpResponse<String> parked = poll.join();
            assertThat(parked.statusCode()).isEqualTo(200);
            assertThat(parked.body()).isEqualTo("6");
            assertThat(Http.get(session(sid)).statusCode()).isEqualTo(400);
        });
    }

    @Test
    void webSocketClosePacketClosesTheSocket() {
        RawWebSocket ws = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket");
        ws.nextText();
        ws.send("1");
        ws.awaitClosed(Duration.ofSeconds(3));
    }

    @Test
    void pollingSessionUpgradesToWebSocketWithTheProbe() {
        String sid = Http.openPolling(url);
        RawWebSocket ws = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        assertThat(Http.get(session(sid)).body()).isIn("6", "2\u001e6", "2");
        ws.send("5");
        ws.send("4hello");
        String next = ws.nextText();
        while (!next.equals("4hello")) {
            assertThat(next).isIn("6", "2");
            next = ws.nextText();
        }
        assertThat(Http.get(session(sid)).statusCode()).isEqualTo(400);
    }

    @Test
    void secondWebSocketForAnUpgradedSessionIsRefused() {
        String sid = Http.openPolling(url);
        RawWebSocket ws = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        ws.send("5");
        RawWebSocket second = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket&sid=" + sid);
        second.awaitClosed(Duration.ofSeconds(3));
        ws.send("4still");
        String next = ws.nextText();
        while (!next.equals("4still")) {
            next = ws.nextText();
        }
    }

    @Test
    void allowedOriginsGetCorsHeadersAndPreflightAnswers() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(URI.create(url + "?EIO=4&transport=polling"))
                .header("Origin", "https://front.example").GET().build());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://front.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        HttpResponse<String> preflight = Http.send(HttpRequest.newBuilder(URI.create(url + "?EIO=4&transport=polling"))
                .header("Origin", "https://front.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type");
    }

    @Test
    void pollingRequestsForAWebSocketSessionAreBadRequests() {
        RawWebSocket ws = RawWebSocket.open(wsUrl + "?EIO=4&transport=websocket");
        String open = ws.nextText();
        String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf("\",\"upgrades"));
        assertThat(Http.post(session(sid), "4hello").statusCode()).isEqualTo(400);
        assertThat(Http.get(session(sid)).statusCode()).isEqualTo(400);
        ws.send("4still");
        assertThat(ws.nextText()).isEqualTo("4still");
    }

    @Test
    void aProbingWebSocketEndsWithItsSessionAtPingTimeout() {
        String sid = Http.openPolling(specUrl);
        RawWebSocket ws = RawWebSocket.open(specUrl.replace("http", "ws") + "?EIO=4&transport=websocket&sid=" + sid);
        ws.send("2probe");
        assertThat(ws.nextText()).isEqualTo("3probe");
        // neither "5" nor pongs: the session times out and takes the half-upgraded socket with it
        ws.awaitClosed(Duration.ofSeconds(3));
        assertThat(Http.get(specSession(sid)).statusCode()).isEqualTo(400);
    }
}
