package com.astro.infra;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may do what, as one table a test writes down and then runs: each row is an action (a REST route or a socket
 * event) with the actors allowed to do it. Running a row tries it as every actor on a fresh fixture of its own
 * (so one actor's success cannot change what the next one finds), and a row fails when an actor outside the allowed
 * set succeeds (a 2xx, an ok acknowledgement) or when an allowed actor does not (the row would otherwise prove
 * nothing). {@link #table()} prints the outcomes:
 *
 * <pre>{@code
 * AuthorizationMatrix<Fixture> matrix = new AuthorizationMatrix<>(this::newFixture);
 * matrix.row("POST /api/sessions/accept", Set.of(Actor.SESSION_ASTROLOGER), (actor, f) -> status(...));
 * matrix.run();
 * assertThat(matrix.violations()).isEmpty();
 * }</pre>
 *
 * @param <F> what one attempt needs: ids of the session, user and astrologer it is about, created afresh per attempt
 */
public final class AuthorizationMatrix<F> {

    /** Everyone a rule can be about, relative to the fixture's session. */
    public enum Actor {
        ANONYMOUS, USER, OTHER_USER, SESSION_ASTROLOGER, OTHER_ASTROLOGER, ADMIN;

        /** Everyone with a valid token. */
        public static final Set<Actor> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));

        /** The session's two participants. */
        public static final Set<Actor> PARTICIPANTS = EnumSet.of(USER, SESSION_ASTROLOGER);
    }

    /** What one attempt came to: {@code allowed} whether the service let it through (2xx, ok ack). */
    public record Outcome(boolean allowed, String answer) {

        public static Outcome ofStatus(int status) {
            return new Outcome(status >= 200 && status < 300, String.valueOf(status));
        }

        /** One HTTP request with {@code bearer} (none when null) and a JSON {@code body} (none when null). */
        public static Outcome ofRequest(WebTestClient web, HttpMethod method, String path, String bearer,
                Object body) {
            WebTestClient.RequestBodySpec request = web.method(method).uri(path);
            if (bearer != null) {
                request.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
            }
            WebTestClient.ResponseSpec answer = body == null ? request.exchange()
                    : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
            return ofStatus(answer.returnResult(byte[].class).getStatus().value());
        }
    }

    private record Row<F>(String action, Set<Actor> allowed, BiFunction<Actor, F, Outcome> attempt) {
    }

    private final Supplier<F> fixtures;

    private final List<Row<F>> rows = new ArrayList<>();

    private final Map<String, Map<Actor, Outcome>> outcomes = new LinkedHashMap<>();

    public AuthorizationMatrix(Supplier<F> fixtures) {
        this.fixtures = fixtures;
    }

    public AuthorizationMatrix<F> row(String action, Set<Actor> allowed, BiFunction<Actor, F, Outcome> attempt) {
        rows.add(new Row<>(action, allowed.isEmpty() ? EnumSet.noneOf(Actor.class) : EnumSet.copyOf(allowed),
                attempt));
        return this;
    }

    /** Tries every row as every actor, each on a fresh fixture. */
    public AuthorizationMatrix<F> run() {
        for (Row<F> row : rows) {
            Map<Actor, Outcome> byActor = new LinkedHashMap<>();
            for (Actor actor : Actor.values()) {
                byActor.put(actor, row.attempt().apply(actor, fixtures.get()));
            }
            outcomes.put(row.action(), byActor);
        }
        return this;
    }

    /** One line per actor who got in without being allowed, or was refused while allowed. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        for (Row<F> row : rows) {
            outcomes.get(row.action()).forEach((actor, outcome) -> {
                boolean allowed = row.allowed().contains(actor);
                if (outcome.allowed() != allowed) {
                    violations.add(row.action() + " as " + actor + ": " + outcome.answer()
                            + (allowed ? " (allowed, but refused)" : " (NOT allowed, but let through)"));
                }
            });
        }
        return violations;
    }

    /** Cells tried: rows times actors. */
    public int size() {
        return outcomes.size() * Actor.values().length;
    }

    /** The outcomes as a text table: a row per action, a column per actor, {@code answer} and * where allowed. */
    public String table() {
        StringBuilder table = new StringBuilder(String.format("%-48s", "action"));
        for (Actor actor : Actor.values()) {
            table.append(String.format(" | %-18s", actor.name().toLowerCase(Locale.ROOT)));
        }
        table.append('\n');
        for (Row<F> row : rows) {
            table.append(String.format("%-48s", row.action()));
            outcomes.get(row.action()).forEach((actor, outcome) -> table.append(String.format(" | %-18s",
                    outcome.answer() + (row.allowed().contains(actor) ? " *" : ""))));
            table.append('\n');
        }
        return table.toString();
    }
}
