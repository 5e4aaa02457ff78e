package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import com.astro.chat.message.Messages;
import com.astro.chat.session.ChatSession;
import com.astro.chat.session.Sessions;
import com.astro.common.event.EndReason;
import com.astro.common.event.SessionAccepted;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.SessionType;
import com.astro.infra.TestInfra;

import tools.jackson.databind.JsonNode;

/**
 * What the chat tests share: the two-instance cluster, a fresh set of Node socket clients per test, tokens,
 * and session events published to Kafka the way session-service publishes them.
 */
@ExtendWith(ClusterExtension.class)
public abstract class ChatTestSupport {

    protected static final Duration WAIT = SocketClients.WAIT;

    protected final ChatCluster cluster = ChatCluster.shared();

    protected SocketClients clients;

    @BeforeEach
    void startClients() {
        clients = new SocketClients();
    }

    @AfterEach
    void stopClients() {
        clients.close();
    }

    protected static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    protected static String token(String sub, String role) {
        return TestInfra.shared().issuer().mint(sub, role, "Name of " + sub);
    }

    /** A requested session between a new user and a new astrologer. */
    protected record Parties(String sessionId, String userId, String astrologerId) {

        public String userToken() {
            return token(userId, "user");
        }

        public String astrologerToken() {
            return token(astrologerId, "astrologer");
        }
    }

    protected static Parties newParties() {
        return new Parties(newId("s"), newId("user"), newId("astro"));
    }

    protected static SessionRequested requestedEvent(Parties p) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return SessionRequested.of(now, p.sessionId(), p.userId(), p.astrologerId(), SessionType.CHAT, 10,
                now.plusSeconds(60));
    }

    protected static SessionAccepted acceptedEvent(Parties p) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return SessionAccepted.of(now, p.sessionId(), p.userId(), p.astrologerId(), SessionType.CHAT, 10, now,
                "channel_" + p.sessionId());
    }

    protected SessionRequested requested(Parties p) {
        SessionRequested event = requestedEvent(p);
        cluster.events().publish(event).block(WAIT);
        awaitStage(p.sessionId(), ChatSession.REQUESTED);
        return event;
    }

    protected SessionAccepted accepted(Parties p) {
        SessionAccepted event = acceptedEvent(p);
        cluster.events().publish(event).block(WAIT);
        awaitStage(p.sessionId(), ChatSession.ACCEPTED);
        return event;
    }

    protected SessionEnded ended(Parties p, EndReason reason, long minutes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionEnded event = SessionEnded.of(now, p.sessionId(), p.userId(), p.astrologerId(), SessionType.CHAT,
                reason, p.userId(), now.minusSeconds(minutes * 60), now, 10, minutes, minutes * 10,
                "channel_" + p.sessionId());
        cluster.events().publish(event).block(WAIT);
        awaitStage(p.sessionId(), ChatSession.ENDED);
        return event;
    }

    /** A session requested and accepted: active, as chat-service sees it. */
    protected Parties activeSession() {
        Parties parties = newParties();
        requested(parties);
        accepted(parties);
        return parties;
    }

    protected void awaitStage(String sessionId, int stage) {
        await().atMost(WAIT).until(() -> {
            ChatSession session = Sessions.find(cluster.a(), sessionId);
            return session != null && session.stage() >= stage;
        });
    }

    /** The request was refused with {@code code}: an error acknowledgement and a {@code message:error}. */
    protected void assertRefused(JsonNode ack, String client, String code) {
        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isFalse();
        assertThat(ack.path("error").path("code").asString()).isEqualTo(code);
        assertThat(ack.path("error").path("message").asString()).isNotBlank();
        List<JsonNode> errors = clients.awaitReceived(client, "message:error", 1);
        assertThat(errors.get(errors.size() - 1).path("code").asString()).isEqualTo(code);
    }

    protected long storedCount(String sessionId) {
        return Messages.count(cluster.a(), sessionId);
    }
}
