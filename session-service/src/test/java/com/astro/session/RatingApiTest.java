package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.common.event.SessionRated;
import com.astro.common.event.Topics;

/**
 * Ratings of ended sessions through the REST API, over the real Mongo server and Kafka broker: the session's user
 * rates once (1 to 5 stars, an optional review), may change it for 24 hours, and every version is a session-rated
 * event; anyone else, bad input, a session not ended and a second rating change nothing.
 */
class RatingApiTest extends SessionTestSupport {

    private record Ended(String id, String user, String astrologer) {
    }

    private Ended endedSession() {
        String user = fresh("user");
        String astrologer = fresh("astro");
        String id = activeChatSession(user, astrologer, 10, 100);
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk();
        return new Ended(id, user, astrologer);
    }

    private WebTestClient.ResponseSpec rate(String method, Ended session, String bearer, Object body) {
        return web.method(HttpMethod.valueOf(method)).uri("/api/sessions/{id}/rating", session.id())
                .header("Authorization", "Bearer " + bearer).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private static List<SessionRated> ratedEvents(Ended session) {
        return events(Topics.SESSION_RATED, SessionRated.class, record -> session.astrologer().equals(record.key()));
    }

    @Test
    void theUserRatesAnEndedSessionAndTheRatingIsAnnounced() {
        Ended session = endedSession();

        rate("POST", session, token(session.user(), "user"), Map.of("stars", 4, "review", "  Clear and kind  "))
                .expectStatus().isCreated()
                .expectHeader().location("/api/sessions/" + session.id() + "/rating")
                .expectBody().jsonPath("$.stars").isEqualTo(4).jsonPath("$.review").isEqualTo("Clear and kind")
                .jsonPath("$.revision").isEqualTo(1).jsonPath("$.astrologerId").isEqualTo(session.astrologer());

        assertThat(ratedEvents(session)).singleElement().satisfies(event -> {
            assertThat(event.sessionId()).isEqualTo(session.id());
            assertThat(event.userId()).isEqualTo(session.user());
            assertThat(event.stars()).isEqualTo(4);
            assertThat(event.review()).isEqualTo("Clear and kind");
            assertThat(event.revision()).isEqualTo(1);
        });
    }

    @Test
    void ofConcurrentRatingsOfOneSessionExactlyOneIsStored() throws Exception {
        Ended session = endedSession();
        String bearer = token(session.user(), "user");

        List<Integer> statuses = concurrently(20, () -> rate("POST", session, bearer, Map.of("stars", 5))
                .returnResult(String.class).getStatus().value());

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status != 201).hasSize(19).allMatch(status -> status == 409);
        assertThat(ratedEvents(session)).singleElement().satisfies(event -> assertThat(event.revision()).isEqualTo(1));
    }

    @Test
    void aSecondRatingIsRefusedAndTheFirstStays() {
        Ended session = endedSession();
        String bearer = token(session.user(), "user");
        rate("POST", session, bearer, Map.of("stars", 2)).expectStatus().isCreated();

        rate("POST", session, bearer, Map.of("stars", 5)).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        getRating(session, bearer).expectStatus().isOk().expectBody().jsonPath("$.stars").isEqualTo(2);
    }

    @Test
    void theUserChangesTheRatingWithinADayAndEachVersionIsAnnounced() {
        Ended session = endedSession();
        String bearer = token(session.user(), "user");
        rate("POST", session, bearer, Map.of("stars", 2, "review", "Late")).expectStatus().isCreated();
        CLOCK.advance(Duration.ofHours(23));

        rate("PUT", session, bearer, Map.of("stars", 5)).expectStatus().isOk()
                .expectBody().jsonPath("$.stars").isEqualTo(5).jsonPath("$.review").doesNotExist()
                .jsonPath("$.revision").isEqualTo(2);

        assertThat(ratedEvents(session)).extracting(SessionRated::revision, SessionRated::stars)
                .containsExactly(Tuple.tuple(1, 2), Tuple.tuple(2, 5));
    }

    @Test
    void aRatingCannotBeChangedAfterADay() {
        Ended session = endedSession();
        String bearer = token(session.user(), "user");
        rate("POST", session, bearer, Map.of("stars", 3)).expectStatus().isCreated();
        CLOCK.advance(Duration.ofHours(24).plusSeconds(1));

        rate("PUT", session, bearer, Map.of("stars", 1)).expectStatus().isEqualTo(409);

        getRating(session, bearer).expectStatus().isOk().expectBody().jsonPath("$.stars").isEqualTo(3);
        assertThat(ratedEvents(session)).hasSize(1);
    }

    @Test
    void changingARatingThatDoesNotExistIs404() {
        Ended session = endedSession();

        rate("PUT", session, token(session.user(), "user"), Map.of("stars", 4)).expectStatus().isNotFound();
    }

    @Test
    void anotherUserCannotSeeOrRateTheSession() {
        Ended session = endedSession();
        String stranger = token(fresh("user"), "user");

        rate("POST", session, stranger, Map.of("stars", 1)).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        rate("PUT", session, stranger, Map.of("stars", 1)).expectStatus().isNotFound();
        getRating(session, token(session.user(), "user")).expectStatus().isNotFound();
        assertThat(ratedEvents(session)).isEmpty();
    }

    @Test
    void theAstrologerMayNotRateTheirOwnSession() {
        Ended session = endedSession();

        rate("POST", session, token(session.astrologer(), "astrologer"), Map.of("stars", 5)).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ratedEvents(session)).isEmpty();
    }

    @Test
    void anActiveSessionCannotBeRatedYet() {
        String user = fresh("user");
        String astrologer = fresh("astro");
        Ended active = new Ended(activeChatSession(user, astrologer, 10, 100), user, astrologer);

        rate("POST", active, token(user, "user"), Map.of("stars", 5)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("active"));
    }

    @Test
    void badInputIsRefusedWithProblemDetailsAndStoresNothing() {
        Ended session = endedSession();
        String bearer = token(session.user(), "user");
        Map<String, Object> longReview = new HashMap<>(Map.of("stars", 4, "review", "x".repeat(1_001)));

        for (Object body : List.of(Map.of("stars", 0), Map.of("stars", 6), Map.of("stars", "5"), Map.of("stars", 4.5),
                Map.of("review", "no stars"), Map.of("stars", 3, "review", 7), longReview, List.of(5))) {
            rate("POST", session, bearer, body).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").exists();
        }
        getRating(session, bearer).expectStatus().isNotFound();
        assertThat(ratedEvents(session)).isEmpty();
    }

    private WebTestClient.ResponseSpec getRating(Ended session, String bearer) {
        return web.get().uri("/api/sessions/{id}/rating", session.id()).header("Authorization", "Bearer " + bearer).exchange();
    }
}
