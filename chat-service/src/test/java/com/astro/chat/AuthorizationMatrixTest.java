package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.infra.AuthorizationMatrix;
import com.astro.infra.AuthorizationMatrix.Actor;
import com.astro.infra.AuthorizationMatrix.Outcome;

import tools.jackson.databind.JsonNode;

/**
 * chat-service's REST route and every client-to-server socket event as every actor, each attempt on a fresh
 * session with a socket of its own (the official client; anonymous never gets past the handshake): nobody outside
 * an event's rule gets an ok acknowledgement or a 2xx, and everybody inside it does. The table is printed.
 */
class AuthorizationMatrixTest extends ChatTestSupport {

    private static final Set<Actor> ASTROLOGERS = EnumSet.of(Actor.SESSION_ASTROLOGER, Actor.OTHER_ASTROLOGER);

    private final AtomicInteger sockets = new AtomicInteger();

    @Test
    void nobodyGetsAnOkOutsideTheEventRulesAndEverybodyInsideDoes() {
        AuthorizationMatrix<Fixture> matrix = new AuthorizationMatrix<>(Fixture::new)
                .row("GET /api/chat/sessions/{id}/messages", EnumSet.of(Actor.USER, Actor.SESSION_ASTROLOGER,
                        Actor.ADMIN), (a, f) -> Outcome.ofRequest(WebTestClient.bindToServer()
                                .baseUrl(cluster.a().url()).build(), HttpMethod.GET,
                                "/api/chat/sessions/" + f.active() + "/messages", f.token(a), null))
                .row("socket join-session", Actor.PARTICIPANTS,
                        (a, f) -> emit(a, f, "join-session", x -> json("sessionId", x.active())))
                .row("socket message:send", Actor.PARTICIPANTS,
                        (a, f) -> emit(a, f, "message:send", x -> json("sessionId", x.active(), "text", "hello")))
                .row("socket session:request", EnumSet.of(Actor.USER),
                        (a, f) -> emit(a, f, "session:request", x -> json("sessionId", x.parties.sessionId())))
                .row("socket leave-session", Actor.SIGNED_IN,
                        (a, f) -> emit(a, f, "leave-session", x -> json("sessionId", x.parties.sessionId())))
                .row("socket presence:on (own)", ASTROLOGERS, (a, f) -> emit(a, f, "presence:on", x -> null))
                .row("socket presence:off (own)", ASTROLOGERS, (a, f) -> emit(a, f, "presence:off", x -> null))
                .row("socket presence:subscribe", Actor.SIGNED_IN,
                        (a, f) -> emit(a, f, "presence:subscribe", x -> json("mode", "none")))
                .row("socket auth:refresh (own token)", Actor.SIGNED_IN,
                        (a, f) -> emit(a, f, "auth:refresh", x -> json("token", x.token(a))))
                .run();

        System.out.println("chat-service authorization matrix (" + matrix.size() + " attempts, * = allowed):\n"
                + matrix.table());
        assertThat(matrix.violations()).isEmpty();
    }

    /** Connects a socket as the actor and sends the event; anonymous is refused at the handshake. */
    private Outcome emit(Actor actor, Fixture f, String event, Function<Fixture, Object> payload) {
        String client = "matrix" + sockets.incrementAndGet();
        if (actor == Actor.ANONYMOUS) {
            JsonNode outcome = clients.tryConnect(client, cluster.a().url(), null, List.of("websocket"), false);
            return new Outcome("connect".equals(outcome.path("type").asString()), outcome.path("type").asString());
        }
        clients.connect(client, cluster.a().url(), f.token(actor));
        Object body = payload.apply(f);
        JsonNode ack = body == null ? clients.call(client, event) : clients.call(client, event, body);
        clients.disconnect(client);
        boolean ok = ack.path("ok").asBoolean();
        return new Outcome(ok, ok ? "ok" : ack.path("error").path("code").asString());
    }

    /** A session requested by its user from its astrologer, accepted on demand, and three strangers. */
    private final class Fixture {

        final Parties parties = newParties();

        final String otherUser = newId("user");

        final String otherAstrologer = newId("astro");

        final String admin = newId("admin");

        private boolean accepted;

        Fixture() {
            requested(parties);
        }

        String active() {
            if (!accepted) {
                accepted(parties);
                accepted = true;
            }
            return parties.sessionId();
        }

        String token(Actor actor) {
            return switch (actor) {
                case USER -> parties.userToken();
                case OTHER_USER -> ChatTestSupport.token(otherUser, "user");
                case SESSION_ASTROLOGER -> parties.astrologerToken();
                case OTHER_ASTROLOGER -> ChatTestSupport.token(otherAstrologer, "astrologer");
                case ADMIN -> ChatTestSupport.token(admin, "admin");
                case ANONYMOUS -> null;
            };
        }
    }
}
