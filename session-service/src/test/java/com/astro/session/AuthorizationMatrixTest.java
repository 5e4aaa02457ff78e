package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.astro.infra.AuthorizationMatrix;
import com.astro.infra.AuthorizationMatrix.Actor;
import com.astro.infra.AuthorizationMatrix.Outcome;

/**
 * Every session-service route as every actor (anonymous, the session's user, another user, the session's
 * astrologer, another astrologer, an admin), each attempt on a fresh session: nobody outside a route's rule gets a
 * 2xx, and everybody inside it does. The table is printed.
 */
class AuthorizationMatrixTest extends SessionTestSupport {

    private static final Set<Actor> USERS = EnumSet.of(Actor.USER, Actor.OTHER_USER);

    private static final Set<Actor> ADMIN = EnumSet.of(Actor.ADMIN);

    @BeforeEach
    void patientClient() {
        // a hundred fixtures and attempts in a row on a shared machine: a slow answer is not a refusal
        web = web.mutate().responseTimeout(Duration.ofMinutes(1)).build();
    }

    @Test
    void nobodyGetsA2xxOutsideTheRouteRulesAndEverybodyInsideDoes() {
        AuthorizationMatrix<Fixture> matrix = new AuthorizationMatrix<>(Fixture::new)
                .row("POST /api/sessions/start", USERS,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/start",
                                Map.of("astrologerId", f.astrologer, "sessionType", "chat")))
                .row("POST /api/sessions/accept", EnumSet.of(Actor.SESSION_ASTROLOGER),
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/accept", Map.of("sessionId", f.pending())))
                .row("POST /api/sessions/reject", EnumSet.of(Actor.SESSION_ASTROLOGER),
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/reject", Map.of("sessionId", f.pending())))
                .row("POST /api/sessions/cancel", EnumSet.of(Actor.USER),
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/cancel", Map.of("sessionId", f.pending())))
                .row("POST /api/sessions/end", Actor.PARTICIPANTS,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/end", Map.of("sessionId", f.active())))
                .row("GET /api/sessions/{id}", EnumSet.of(Actor.USER, Actor.SESSION_ASTROLOGER, Actor.ADMIN),
                        (a, f) -> call(a, f, HttpMethod.GET, "/api/sessions/" + f.active(), null))
                .row("GET /api/sessions (own)", Actor.SIGNED_IN,
                        (a, f) -> call(a, f, HttpMethod.GET, "/api/sessions", null))
                .row("GET /api/wallet (own)", Actor.SIGNED_IN,
                        (a, f) -> call(a, f, HttpMethod.GET, "/api/wallet", null))
                .row("POST /api/wallets/{userId}/credit", ADMIN,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/wallets/" + f.user + "/credit",
                                Map.of("coins", 10, "idempotencyKey", fresh("key"))))
                .row("POST /api/sessions/{id}/report", Actor.PARTICIPANTS,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/" + f.active() + "/report",
                                Map.of("reason", "rude")))
                .row("GET /api/sessions/reports", ADMIN,
                        (a, f) -> call(a, f, HttpMethod.GET, "/api/sessions/reports", null))
                .row("POST /api/sessions/reports/{reportId}/resolve", ADMIN,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/sessions/reports/" + f.report() + "/resolve", null))
                .run();

        System.out.println("session-service authorization matrix (" + matrix.size() + " attempts, * = allowed):\n"
                + matrix.table());
        assertThat(matrix.violations()).isEmpty();
    }

    private Outcome call(Actor actor, Fixture f, HttpMethod method, String path, Object body) {
        return Outcome.ofRequest(web, method, path, actor == Actor.ANONYMOUS ? null : f.token(actor), body);
    }

    /** A session's people: the user (with coins) and the astrologer (online), plus strangers and an admin. */
    private final class Fixture {

        final String user = fresh("user");

        final String otherUser = fresh("user");

        final String astrologer = fresh("astro");

        final String otherAstrologer = fresh("astro");

        final String admin = fresh("admin");

        private String pending;

        private boolean accepted;

        private String report;

        Fixture() {
            onlineAstrologer(astrologer, 10);
            credit(user, 1000);
            credit(otherUser, 1000);
        }

        String token(Actor actor) {
            return switch (actor) {
                case USER -> SessionTestSupport.token(user, "user");
                case OTHER_USER -> SessionTestSupport.token(otherUser, "user");
                case SESSION_ASTROLOGER -> SessionTestSupport.token(astrologer, "astrologer");
                case OTHER_ASTROLOGER -> SessionTestSupport.token(otherAstrologer, "astrologer");
                case ADMIN -> SessionTestSupport.token(admin, "admin");
                case ANONYMOUS -> throw new IllegalArgumentException("anonymous has no token");
            };
        }

        /** The user's request to the astrologer, not answered yet. */
        String pending() {
            if (pending == null) {
                pending = (String) startSession(user, astrologer, "chat").get("id");
            }
            return pending;
        }

        /** The same session, accepted. */
        String active() {
            String id = pending();
            if (!accepted) {
                accept(astrologer, id);
                accepted = true;
            }
            return id;
        }

        /** An open report of the user's on the active session. */
        String report() {
            if (report == null) {
                report = (String) post("/api/sessions/" + active() + "/report", token(Actor.USER),
                        Map.of("reason", "asked for my number")).expectStatus().isCreated().expectBody(Map.class)
                        .returnResult().getResponseBody().get("id");
            }
            return report;
        }
    }
}
