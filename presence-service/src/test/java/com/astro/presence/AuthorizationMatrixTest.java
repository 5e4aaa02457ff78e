package com.astro.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.astro.infra.AuthorizationMatrix.Actor;
import com.astro.infra.AuthorizationMatrix.Outcome;
import com.astro.infra.AuthorizationMatrix;

/**
 * Every presence route as every actor, each attempt about a fresh astrologer (the "session's astrologer" is the
 * one the route names): only that astrologer or an admin changes a presence, anyone signed in reads, and no token
 * opens the internal routes (they take chat-service's credential). The table is printed.
 */
class AuthorizationMatrixTest extends PresenceIntegrationTest {

    @BeforeEach
    void patientClient() {
        // a hundred fixtures and attempts in a row on a shared machine: a slow answer is not a refusal
        web = web.mutate().responseTimeout(Duration.ofMinutes(1)).build();
    }

    @Test
    void nobodyGetsA2xxOutsideTheRouteRulesAndEverybodyInsideDoes() {
        var self = EnumSet.of(Actor.SESSION_ASTROLOGER, Actor.ADMIN);
        AuthorizationMatrix<Map<Actor, String>> matrix = new AuthorizationMatrix<>(this::people)
                .row("POST /api/v1/astrologers/{id}/online", self,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/v1/astrologers/" + astro(f) + "/online", null))
                .row("POST /api/v1/astrologers/{id}/offline", self,
                        (a, f) -> call(a, f, HttpMethod.POST, "/api/v1/astrologers/" + astro(f) + "/offline", null))
                .row("PUT /api/v1/astrologers/{id}/rates", self,
                        (a, f) -> call(a, f, HttpMethod.PUT, "/api/v1/astrologers/" + astro(f) + "/rates",
                                Map.of("chat", 10, "audio", 20, "video", 30)))
                .row("GET /api/v1/astrologers/online", Actor.SIGNED_IN,
                        (a, f) -> call(a, f, HttpMethod.GET, "/api/v1/astrologers/online", null))
                .row("GET /api/v1/astrologers/{id}", Actor.SIGNED_IN,
                        (a, f) -> call(a, f, HttpMethod.GET, "/api/v1/astrologers/" + astro(f), null))
                .row("POST /internal/v1/astrologers/{id}/online", EnumSet.noneOf(Actor.class),
                        (a, f) -> call(a, f, HttpMethod.POST, "/internal/v1/astrologers/" + astro(f) + "/online", null))
                .row("POST /internal/v1/astrologers/{id}/offline", EnumSet.noneOf(Actor.class),
                        (a, f) -> call(a, f, HttpMethod.POST, "/internal/v1/astrologers/" + astro(f) + "/offline", null))
                .run();

        System.out.println("presence-service authorization matrix (" + matrix.size() + " attempts, * = allowed):\n"
                + matrix.table());
        assertThat(matrix.violations()).isEmpty();
    }

    /** Fresh people; the astrologer is known (online), so reading them is not a 404. */
    private Map<Actor, String> people() {
        String astrologer = newAstrologerId();
        goOnline(astrologer);
        return Map.of(Actor.USER, newAstrologerId().replace("astro", "user"), Actor.OTHER_USER,
                newAstrologerId().replace("astro", "user"), Actor.SESSION_ASTROLOGER, astrologer,
                Actor.OTHER_ASTROLOGER, newAstrologerId(), Actor.ADMIN, newAstrologerId().replace("astro", "admin"));
    }

    private static String astro(Map<Actor, String> people) {
        return people.get(Actor.SESSION_ASTROLOGER);
    }

    private Outcome call(Actor actor, Map<Actor, String> people, HttpMethod method, String path, Object body) {
        String id = people.get(actor);
        String role = actor == Actor.ADMIN ? "admin" : actor == Actor.USER || actor == Actor.OTHER_USER ? "user"
                : "astrologer";
        return Outcome.ofRequest(web, method, path, actor == Actor.ANONYMOUS ? null : token(id, role, id), body);
    }
}
