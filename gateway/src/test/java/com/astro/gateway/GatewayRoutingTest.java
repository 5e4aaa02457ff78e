package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import com.astro.infra.TestInfra;

import reactor.core.publisher.Flux;

// these tests open Socket.IO sessions from one address faster than any client would; RateLimitTest covers the budgets
@TestPropertySource(properties = "astro.gateway.rate-limits.socket-handshakes=100000/1s")
class GatewayRoutingTest extends GatewayTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private final String token = GatewayTestBackends.ISSUER.mint("user_1", "user", "Uma");

    private Map<String, Object> get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @Test
    void astrologerPathsGoToPresence() {
        assertThat(get("/api/v1/astrologers/online")).containsEntry("backend", "presence")
                .containsEntry("uri", "/api/v1/astrologers/online");
    }

    @Test
    void sessionAndWalletPathsGoToSession() {
        assertThat(get("/api/sessions/s1")).containsEntry("backend", "session");
        assertThat(get("/api/wallet")).containsEntry("backend", "session");
        assertThat(get("/api/wallets/user_1")).containsEntry("backend", "session");
    }

    @Test
    void chatPathsGoToAChatInstance() {
        assertThat((String) get("/api/chat/sessions/s1/messages").get("backend")).startsWith("chat-");
    }

    @Test
    void queryStringsReachTheServiceUnchanged() {
        Map<String, Object> echo = client.get().uri(URI.create("http://localhost:" + port + "/api/chat/history?sessionId=s%201&limit=5"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("uri", "/api/chat/history?sessionId=s%201&limit=5");
    }

    @Test
    void theTokenIsForwardedToTheService() {
        assertThat(get("/api/sessions/s1")).containsEntry("authorization", "Bearer " + token);
    }

    @Test
    void aRequestWithoutTokenIsRefusedAtTheEdgeWith401ProblemDetails() {
        int before = GatewayTestBackends.SESSION.requests();
        client.post().uri("/api/sessions/start").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.detail").exists();
        assertThat(GatewayTestBackends.SESSION.requests()).isEqualTo(before);
    }

    @Test
    void theCallersRequestIdIsEchoedAndForwarded() {
        Map<String, Object> echo = client.get().uri("/api/sessions/s1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header("X-Request-Id", "req-42")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-42")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("requestId", "req-42");
    }

    @Test
    void aRequestWithoutRequestIdGetsOneThatTheServiceSeesToo() {
        var result = client.get().uri("/api/sessions/s1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult();
        List<String> echoed = result.getResponseHeaders().get("X-Request-Id");
        assertThat(echoed).hasSize(1);
        assertThat(result.getResponseBody()).containsEntry("requestId", echoed.get(0));
    }

    @Test
    void anUnknownPathIs404ProblemDetails() {
        client.get().uri("/api/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No route for GET /api/nothing-here");
    }

    @Test
    void theDevTokenPathDoesNotExistOutsideTheDevProfile() {
        client.post().uri("/dev/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sub\":\"astro_1\",\"role\":\"astrologer\"}")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/swagger-ui-bundle.js" })
    void theApiDocumentsAndSwaggerUiDoNotExistOutsideTheDevProfile(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyOverTheLimitIs413ProblemDetailsAndNeverReachesTheService() {
        int before = GatewayTestBackends.SESSION.requests();
        client.post().uri("/api/sessions/start").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"pad\":\"" + "x".repeat(2000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("The request body is larger than the limit of 1024 bytes");
        assertThat(GatewayTestBackends.SESSION.requests()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        DefaultDataBufferFactory buffers = new DefaultDataBufferFactory();
        Flux<DataBuffer> chunks = Flux.range(0, 8)
                .map(i -> buffers.wrap("x".repeat(300).getBytes(StandardCharsets.UTF_8)));
        client.post().uri("/api/sessions/start").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.detail").isEqualTo("The request body is larger than the limit of 1024 bytes");
    }

    @Test
    void aBodyWithinTheLimitIsForwardedWhole() {
        Map<String, Object> echo = client.post().uri("/api/sessions/start").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"astrologerId\":\"astro_1\"}")
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(echo).containsEntry("method", "POST").containsEntry("bodyLength", 26);
    }

    @Test
    void aServiceThatIsDownGives503NamingIt() {
        client.post().uri("/api/agora/token").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"channelName\":\"s1\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("token-service is unavailable")
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeGives504NamingIt() {
        client.get().uri("/api/sessions/slow").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("session-service did not answer in time");
    }

    @Test
    void aServiceThatBreaksOffItsAnswerGives502NamingIt() {
        client.get().uri("/api/sessions/broken").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("session-service failed while answering; try again");
    }

    @Test
    void aGetWhoseConnectionIsClosedBeforeTheAnswerIsSentOnceMore() {
        assertThat((String) get("/api/chat/broken-once").get("backend")).startsWith("chat-");
    }

    @Test
    void aCorsPreflightFromTheFrontendIsAnsweredWithoutAToken() {
        client.options().uri("/api/sessions/start")
                .header(HttpHeaders.ORIGIN, TestInfra.TEST_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, TestInfra.TEST_ORIGIN)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }

    @Test
    void aCorsPreflightFromAnotherOriginIsRefused() {
        client.options().uri("/api/sessions/start")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void corsAppliesToSocketIoAndOnlyTheGatewaysCorsHeadersReachTheBrowser() {
        client.get().uri("/socket.io/?EIO=4&transport=polling")
                .header(HttpHeaders.ORIGIN, TestInfra.TEST_ORIGIN)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, TestInfra.TEST_ORIGIN)
                .expectHeader().values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, values -> assertThat(values).hasSize(1))
                .expectHeader().values("X-Request-Id", values -> assertThat(values).hasSize(1));
    }

    @Test
    void newSocketIoHandshakesAreBalancedOverChatInstances() {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add((String) client.get().uri("/socket.io/?EIO=4&transport=polling").exchange()
                    .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("backend"));
        }
        assertThat(seen).contains("chat-a", "chat-b");
    }

    @Test
    void aLongPollingSessionStaysOnTheInstanceItsSidNames() {
        String sid = sidOf("127.0.0.1:" + GatewayTestBackends.CHAT_B.port());
        for (int i = 0; i < 6; i++) {
            client.get().uri("/socket.io/?EIO=4&transport=polling&sid=" + sid).exchange()
                    .expectStatus().isOk().expectBody(JSON).value(echo -> assertThat(echo).containsEntry("backend", "chat-b"));
        }
        client.post().uri("/socket.io/?EIO=4&transport=polling&sid=" + sid).contentType(MediaType.TEXT_PLAIN).bodyValue("42[\"x\"]")
                .exchange().expectStatus().isOk().expectBody(JSON).value(echo -> assertThat(echo).containsEntry("backend", "chat-b"));
    }

    /**
     * A long-polling client keeps one GET parked at its chat instance: many held GETs must not take the
     * connections a POST (or another socket's poll) needs. The POST is answered while every held GET is
     * still open, so it was not queued behind them in the gateway.
     */
    @Test
    void aPostIsForwardedAtOnceWhileManyLongPollsAreHeldAtTheSameInstance() {
        String sid = sidOf("127.0.0.1:" + GatewayTestBackends.CHAT_A.port());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int before = GatewayTestBackends.CHAT_A.requests();
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            held.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/socket.io/slow?EIO=4&transport=polling&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(8))
                .until(() -> GatewayTestBackends.CHAT_A.requests() - before >= 40);

        client.post().uri("/socket.io/?EIO=4&transport=polling&sid=" + sid).contentType(MediaType.TEXT_PLAIN).bodyValue("3")
                .exchange().expectStatus().isOk().expectBody(JSON).value(echo -> assertThat(echo).containsEntry("backend", "chat-a"));

        assertThat(held).noneMatch(CompletableFuture::isDone);
        held.forEach(request -> request.cancel(true));
    }

    @Test
    void aPollOfAnEstablishedSessionKeepsTheRequestIdAndGetsOnlyTheGatewaysCorsHeaders() {
        String sid = sidOf("127.0.0.1:" + GatewayTestBackends.CHAT_A.port());
        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=" + sid)
                .header(HttpHeaders.ORIGIN, TestInfra.TEST_ORIGIN).header("X-Request-Id", "req-77")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, values -> assertThat(values).containsExactly(TestInfra.TEST_ORIGIN))
                .expectHeader().values("X-Request-Id", values -> assertThat(values).containsExactly("req-77"))
                .expectBody(JSON).value(echo -> assertThat(echo).containsEntry("backend", "chat-a").containsEntry("requestId", "req-77"));
    }

    @Test
    void aSidNamingAnAddressThatIsNoChatInstanceIsRefusedWithoutCallingIt() {
        int presenceBefore = GatewayTestBackends.PRESENCE.requests();
        for (String authority : List.of("127.0.0.1:" + GatewayTestBackends.PRESENCE.port(), "169.254.169.254:80", "example.com:443")) {
            client.get().uri("/socket.io/?EIO=4&transport=polling&sid=" + sidOf(authority)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Unknown Engine.IO session id"));
        }
        assertThat(GatewayTestBackends.PRESENCE.requests()).isEqualTo(presenceBefore);
    }

    @Test
    void aSidWithAGarbledPrefixIsRefused() {
        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=%%%.abc").exchange().expectStatus().isBadRequest();
        client.get().uri("/socket.io/?EIO=4&transport=polling&sid=bm90LWFuLWFkZHJlc3M.abc").exchange().expectStatus().isBadRequest();
    }

    @Test
    void webSocketsAreProxiedBothWays() {
        assertThat(echoOverWebSocket("/socket.io/?EIO=4&transport=websocket", "hello")).matches("chat-[ab]:hello");
    }

    @Test
    void aWebSocketUpgradeOfALongPollingSessionReachesTheSameInstance() {
        String sid = sidOf("127.0.0.1:" + GatewayTestBackends.CHAT_A.port());
        for (int i = 0; i < 3; i++) {
            assertThat(echoOverWebSocket("/socket.io/?EIO=4&transport=websocket&sid=" + sid, "probe")).isEqualTo("chat-a:probe");
        }
    }

    private String echoOverWebSocket(String path, String text) {
        return GatewayTestBackends.echoOverWebSocket(port, path, text);
    }

    private static String sidOf(String authority) {
        return GatewayTestBackends.sidOf(authority);
    }
}
