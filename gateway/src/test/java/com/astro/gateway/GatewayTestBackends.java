package com.astro.gateway;

import java.io.IOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.astro.infra.DevIssuer;
import com.astro.infra.TestInfra;

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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
