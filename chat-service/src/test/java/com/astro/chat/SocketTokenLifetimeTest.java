package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.infra.BadTokens;
import com.astro.infra.DevIssuer;
import com.astro.infra.TestInfra;

import tools.jackson.databind.JsonNode;

/**
 * A socket lives as long as its tokens: its identity is fixed at connect, the client extends it with
 * {@code auth:refresh {token}}, and a socket not refreshed within the grace after its token's expiry, or refreshed
 * with another user's token, is told why ({@code auth:revoked}) and disconnected. Tokens here live 3 s, the grace
 * is 2 s.
 */
class SocketTokenLifetimeTest extends ChatTestSupport {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private static ChatCluster.Instance instance;

    @BeforeAll
    static void startAnInstanceWithAShortGrace() {
        instance = ChatCluster.start("token-lifetime", ChatCluster.shared().presence().url(),
                "--astro.chat.token-grace=" + GRACE.toSeconds() + "s");
    }

    @AfterAll
    static void stopIt() {
        instance.close();
    }

    @Test
    void aSocketNotRefreshedIsToldItsTokenExpiredAndDisconnectedAfterTheGrace() {
        String user = newId("user");
        Instant expiresAt = Instant.now().plusSeconds(3);
        clients.connect("user", instance.url(), shortLived(user, "user", expiresAt));

        JsonNode revoked = awaitRevoked("user");

        assertThat(Instant.now()).isAfterOrEqualTo(expiresAt.plus(GRACE).minusSeconds(1));
        assertThat(revoked.path("code").asString()).isEqualTo("token_expired");
        assertThat(revoked.path("message").asString()).contains("auth:refresh");
        assertThat(awaitDisconnect("user").path("reason").asString()).isEqualTo("io server disconnect");
    }

    @Test
    void aSocketRefreshedWithANewerTokenOutlivesItsFirstToken() {
        String user = newId("user");
        Instant first = Instant.now().plusSeconds(3);
        clients.connect("user", instance.url(), shortLived(user, "user", first));

        JsonNode ack = clients.call("user", "auth:refresh", json("token", token(user, "user")));

        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
        assertThat(Instant.parse(ack.path("expiresAt").asString())).isAfter(first.plus(Duration.ofMinutes(30)));
        assertStillServedPast(first.plus(GRACE).plusSeconds(2));
    }

    @Test
    void aRefreshWithAnotherUsersTokenIsRefusedAndDisconnectsTheSocket() {
        String user = newId("user");
        clients.connect("user", instance.url(), token(user, "user"));

        JsonNode ack = clients.call("user", "auth:refresh", json("token", token(newId("user"), "user")));

        assertThat(ack.path("error").path("code").asString()).isEqualTo("forbidden");
        assertThat(awaitRevoked("user").path("code").asString()).isEqualTo("subject_changed");
        assertThat(awaitDisconnect("user").path("reason").asString()).isEqualTo("io server disconnect");
    }

    @Test
    void anInvalidRefreshIsRefusedAndLeavesTheSocketAsItWas() {
        String user = newId("user");
        clients.connect("user", instance.url(), token(user, "user"));

        JsonNode ack = clients.call("user", "auth:refresh",
                json("token", BadTokens.of(TestInfra.shared().issuer()).strangerKeyWithIssuerKid()));

        assertThat(ack.path("error").path("code").asString()).isEqualTo("unauthorized");
        assertStillServedPast(Instant.now());
    }

    @Test
    void anOlderTokenNeverShortensTheSocketsLife() {
        String user = newId("user");
        clients.connect("user", instance.url(), token(user, "user"));
        Instant older = Instant.now().plusSeconds(3);

        JsonNode ack = clients.call("user", "auth:refresh", json("token", shortLived(user, "user", older)));

        assertThat(Instant.parse(ack.path("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofMinutes(30)));
        assertStillServedPast(older.plus(GRACE).plusSeconds(2));
    }

    @Test
    void theRefreshEventHasABadPayloadAnswer() {
        clients.connect("user", instance.url(), token(newId("user"), "user"));

        JsonNode ack = clients.call("user", "auth:refresh", json("nothing", 1));

        assertThat(ack.path("error").path("code").asString()).isEqualTo("invalid_payload");
    }

    private static String shortLived(String sub, String role, Instant expiresAt) {
        DevIssuer issuer = TestInfra.shared().issuer();
        Instant issuedAt = Instant.now();
        return issuer.mint(issuer.claims(sub, role, "Name of " + sub, issuedAt, Duration.between(issuedAt, expiresAt))
                .build());
    }

    /** The user's socket still answers after {@code moment}, and was never told it is revoked. */
    private void assertStillServedPast(Instant moment) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(moment));
        assertThat(clients.call("user", "leave-session", json("sessionId", "s_any")).path("ok").asBoolean()).isTrue();
        assertThat(clients.received("user", "auth:revoked")).isEmpty();
    }

    private JsonNode awaitRevoked(String client) {
        return clients.awaitReceived(client, "auth:revoked", 1).get(0);
    }

    private JsonNode awaitDisconnect(String client) {
        return await().atMost(SocketClients.WAIT).until(() -> clients.reports(client).stream()
                .filter(r -> "disconnect".equals(r.path("type").asString())).findFirst(), Optional::isPresent)
                .orElseThrow();
    }
}
