package com.astro.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.SessionRated;
import com.astro.common.event.SessionType;

/**
 * The astrologer's rating count and average, kept from session-rated (as session-service publishes it) and shown
 * in the online list, the profile and presence-changed: an edit replaces the session's earlier stars, a late or
 * repeated revision changes nothing.
 */
class RatingsFromSessionsTest extends PresenceIntegrationTest {

    private SessionRated rated(String astrologerId, String sessionId, int stars, int revision) {
        return SessionRated.of(clock.instant(), sessionId, "user_1", astrologerId, SessionType.CHAT, stars, null, revision,
                clock.instant());
    }

    private static String newSessionId() {
        return "s_" + UUID.randomUUID();
    }

    private void awaitRating(String astrologerId, long count) {
        await().atMost(WAIT).until(() -> stored(astrologerId) != null && stored(astrologerId).ratingCountOrZero() == count);
    }

    @Test
    void ratingsMakeTheAverageAndCountInTheOnlineListAndProfile() {
        String id = newAstrologerId();
        goOnline(id);
        events.publish(rated(id, newSessionId(), 5, 1)).block();
        events.publish(rated(id, newSessionId(), 4, 1)).block();
        events.publish(rated(id, newSessionId(), 4, 1)).block();

        awaitRating(id, 3);
        get("/api/v1/astrologers/online", userToken()).expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].ratingCount").isEqualTo(3)
                .jsonPath("$[?(@.id == '" + id + "')].ratingAverage").isEqualTo(4.33);
        get("/api/v1/astrologers/" + id, userToken()).expectBody()
                .jsonPath("$.ratingCount").isEqualTo(3).jsonPath("$.ratingAverage").isEqualTo(4.33);
        await().atMost(WAIT).untilAsserted(() -> assertThat(PresenceTopic.eventsFor(id)).last()
                .satisfies(last -> {
                    assertThat(last.ratingCount()).isEqualTo(3);
                    assertThat(last.ratingAverage()).isEqualTo(4.33);
                }));
    }

    @Test
    void anEditReplacesTheSessionsEarlierStars() {
        String id = newAstrologerId();
        String session = newSessionId();
        goOnline(id);
        events.publish(rated(id, session, 1, 1)).block();
        events.publish(rated(id, newSessionId(), 5, 1)).block();
        awaitRating(id, 2);

        events.publish(rated(id, session, 5, 2)).block();

        await().atMost(WAIT).until(() -> Double.valueOf(5.0).equals(stored(id).ratingAverage()));
        assertThat(stored(id).ratingCount()).isEqualTo(2);
    }

    @Test
    void anOlderOrRepeatedRevisionChangesNothing() {
        String id = newAstrologerId();
        String session = newSessionId();
        goOnline(id);
        events.publish(rated(id, session, 2, 2)).block();
        awaitRating(id, 1);
        long version = stored(id).version();

        events.publish(rated(id, session, 5, 1)).block();
        events.publish(rated(id, session, 2, 2)).block();
        // a later rating of another session proves the two above were handled (one partition per astrologer)
        events.publish(rated(id, newSessionId(), 4, 1)).block();
        awaitRating(id, 2);

        assertThat(stored(id).ratingAverage()).isEqualTo(3.0);
        assertThat(stored(id).version()).isEqualTo(version + 1);
        assertThat(PresenceTopic.eventsFor(id)).extracting(PresenceChanged::ratingCount).containsSubsequence(1L, 2L);
    }

    @Test
    void anUnratedAstrologerHasNoAverage() {
        String id = newAstrologerId();
        goOnline(id);

        get("/api/v1/astrologers/" + id, userToken()).expectBody()
                .jsonPath("$.ratingCount").isEqualTo(0).jsonPath("$.ratingAverage").doesNotExist();
    }
}
