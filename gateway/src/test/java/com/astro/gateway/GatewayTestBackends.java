package com.astro.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import com.astro.infra.DevIssuer;
import com.astro.infra.TestInfra;

import reactor.core.publisher.Mono;

/**
 * What the gateway tests route to, shared by the test classes of this JVM: a real dev issuer, one
 * fake backend per service, two chat instances, and token-service deliberately down.
 */
final class GatewayTestBackends {

    static final DevIssuer ISSUER = DevIssuer.start(0, TestInfra.TEST_ORIGIN);

    static final FakeBackend PRESENCE = FakeBackend.start("presence");

    static final FakeBackend SESSION = FakeBackend.start("session");

    static final FakeBackend CHAT_A = FakeBackend.start("chat-a");

    static final FakeBackend CHAT_B = FakeBackend.start("chat-b");

    /** A port nobody listens on: token-service is down in these tests. */
    static final int DOWN_PORT = freePort();

    private GatewayTestBackends() {
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("astro.security.jwks-url", ISSUER::jwksUrl);
        registry.add("astro.security.issuer", ISSUER::issuer);
        registry.add("astro.security.authorized-parties", () -> TestInfra.TEST_ORIGIN);
        registry.add("astro.gateway.presence-url", PRESENCE::url);
        registry.add("astro.gateway.session-url", SESSION::url);
        registry.add("astro.gateway.chat-url", () -> CHAT_A.url() + "," + CHAT_B.url());
        registry.add("astro.gateway.token-url", () -> "http://127.0.0.1:" + DOWN_PORT);
        registry.add("astro.gateway.dev-issuer-url", () -> "http://127.0.0.1:" + ISSUER.port());
        registry.add("astro.gateway.allowed-origins", () -> TestInfra.TEST_ORIGIN);
        registry.add("astro.gateway.max-body-size", () -> "1KB");
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "2s");
    }

    /** Opens a WebSocket through the gateway, sends {@code text} and answers the first frame that comes back. */
    static String echoOverWebSocket(int gatewayPort, String path, String text) {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + gatewayPort + path), session -> session
                .send(Mono.just(session.textMessage(text)))
                .thenMany(session.receive().take(1).map(WebSocketMessage::getPayloadAsText).doOnNext(received::add))
                .then())
                .block(Duration.ofSeconds(10));
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    /** An Engine.IO sid of the shape chat instances issue, naming the instance at {@code authority} ({@code host:port}). */
    static String sidOf(String authority) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(authority.getBytes(StandardCharsets.UTF_8)) + ".r4nd0m";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
