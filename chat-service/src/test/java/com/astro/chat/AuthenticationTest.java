package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.astro.chat.config.ChatInstance;
import com.astro.common.event.EventJson;
import com.astro.infra.BadTokens;
import com.astro.infra.TestInfra;

import tools.jackson.databind.JsonNode;

/** Who may open a socket: a verified token in the handshake, over WebSocket or long-polling. */
class AuthenticationTest extends ChatTestSupport {

    @Test
    void aSocketWithoutTokenGetsAConnectErrorSayingSo() {
        JsonNode outcome = clients.tryConnect("anon", cluster.a().url(), null, List.of("websocket"), false);

        assertThat(outcome.path("type").asString()).isEqualTo("connect_error");
        assertThat(outcome.path("message").asString()).containsIgnoringCase("token");
    }

    @Test
    void aSocketWithAForgedTokenGetsAConnectError() {
        String valid = token(newId("user"), "user");
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);

        JsonNode outcome = clients.tryConnect("forger", cluster.a().url(), forged, List.of("websocket"), false);

        assertThat(outcome.path("type").asString()).isEqualTo("connect_error");
        assertThat(outcome.path("message").asString()).containsIgnoringCase("token");
    }

    @Test
    void everyForgedTokenVariantIsRefusedOnTheHandshake() {
        Map<String, String> variants = BadTokens.of(TestInfra.shared().issuer()).all();
        List<String> connected = new ArrayList<>();
        int n = 0;
        for (var variant : variants.entrySet()) {
            JsonNode outcome = clients.tryConnect("forged" + n++, cluster.a().url(), variant.getValue(), List.of("websocket"),
                    false);
            if (!"connect_error".equals(outcome.path("type").asString())) {
                connected.add(variant.getKey());
            }
        }

        assertThat(variants).hasSizeGreaterThanOrEqualTo(30);
        assertThat(connected).as("variants that connected").isEmpty();
    }

    @Test
    void aSocketWithAnExpiredTokenGetsAConnectError() {
        var issuer = TestInfra.shared().issuer();
        String expired = issuer.mint(issuer.claims(newId("user"), "user", "Old",
                Instant.now().minusSeconds(3600), Duration.ofMinutes(5)).build());

        JsonNode outcome = clients.tryConnect("late", cluster.a().url(), expired, List.of("websocket"), false);

        assertThat(outcome.path("type").asString()).isEqualTo("connect_error");
    }

    @Test
    void theTokenMayComeInTheAuthorizationHeader() {
        Parties p = activeSession();

        clients.connect("user", cluster.a().url(), p.userToken(), List.of("polling"), true);

        assertThat(clients.call("user", "join-session", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();
    }

    @Test
    void longPollingClientsChatWithWebSocketClients() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken(), List.of("polling"), false);
        clients.connect("astro", cluster.b().url(), p.astrologerToken(), List.of("websocket"), false);
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));

        clients.call("astro", "message:send", json("sessionId", p.sessionId(), "text", "over websocket"));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "over polling"));

        assertThat(clients.awaitReceived("user", "message:receive", 2)).extracting(m -> m.path("text").asString())
                .containsExactly("over websocket", "over polling");
        assertThat(clients.awaitReceived("astro", "message:receive", 2)).extracting(m -> m.path("text").asString())
                .containsExactly("over websocket", "over polling");
    }

    @Test
    void engineIoSidsCarryTheAdvertisedAddressForTheGateway() throws Exception {
        HttpResponse<String> open = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cluster.b().url() + "/socket.io/?EIO=4&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(open.statusCode()).isEqualTo(200);
        JsonNode handshake = EventJson.mapper().readTree(open.body().substring(1));
        String sid = handshake.path("sid").asString();
        String prefix = sid.substring(0, sid.indexOf('.'));
        assertThat(prefix).doesNotContain("=");
        assertThat(new String(Base64.getUrlDecoder().decode(prefix), StandardCharsets.UTF_8))
                .isEqualTo("127.0.0.1:" + cluster.b().port());
        assertThat(cluster.b().bean(ChatInstance.class).sidPrefix()).isEqualTo(prefix);
    }
}
