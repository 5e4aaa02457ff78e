package com.astro.session.rating;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Service;

import com.astro.common.web.Problems;
import com.astro.common.event.SessionRated;
import com.astro.common.kafka.EventPublisher;
import com.astro.common.security.CurrentUser;
import com.astro.session.lifecycle.Session;
import com.astro.session.lifecycle.SessionService;
import com.astro.session.lifecycle.SessionStatus;

import reactor.core.publisher.Mono;

/**
 * Ratings of ended sessions by their users: one per session (its id is the rating's), editable for a day, each
 * version announced on {@code session-rated} for presence's averages and analytics.
 */
@Service
class RatingService {

    static final Duration EDITABLE_FOR = Duration.ofHours(24);

    private final SessionService sessions;

    private final RatingStore ratings;

    private final EventPublisher events;

    private final Clock clock;

    RatingService(SessionService sessions, RatingStore ratings, EventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.ratings = ratings;
        this.events = events;
        this.clock = clock;
    }

    Mono<Rating> rate(CurrentUser caller, String sessionId, RatingInput input) {
        return rateable(caller, sessionId).flatMap(session -> {
            Instant now = clock.instant();
            return ratings.create(new Rating(session.id(), session.userId(), session.astrologerId(),
                            session.sessionType(), input.stars(), input.review(), 1, now, null))
                    .switchIfEmpty(Mono.error(() -> Problems.conflict("Session " + sessionId
                            + " is already rated; change the rating with PUT within 24 hours of rating")));
        }).flatMap(this::announced);
    }

    Mono<Rating> edit(CurrentUser caller, String sessionId, RatingInput input) {
        return rateable(caller, sessionId).flatMap(session -> {
            Instant now = clock.instant();
            return ratings.edit(session.id(), caller.id(), input.stars(), input.review(), now.minus(EDITABLE_FOR), now)
                    .switchIfEmpty(Mono.defer(() -> ratings.find(session.id())
                            .flatMap(existing -> Mono.<Rating>error(Problems.conflict("The rating of session "
                                    + sessionId + " can no longer be changed: ratings are editable for 24 hours")))
                            .switchIfEmpty(Mono.error(() -> Problems.notFound("Session " + sessionId
                                    + " has no rating yet; rate it with POST")))));
        }).flatMap(this::announced);
    }

    /** The rating, for the session's participants and admins. */
    Mono<Rating> find(CurrentUser caller, String sessionId) {
        return sessions.get(caller, sessionId).flatMap(session -> ratings.find(session.id()))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Session " + sessionId + " has no rating")));
    }

    /** The session if the caller is its user and it ended after being active; 404, 403 or 409 otherwise. */
    private Mono<Session> rateable(CurrentUser caller, String sessionId) {
        return sessions.get(caller, sessionId).flatMap(session -> {
            if (!session.userId().equals(caller.id())) {
                return Mono.error(Problems.forbidden("Only the user of session " + sessionId + " may rate it"));
            }
            if (session.status() != SessionStatus.ENDED) {
                return Mono.error(Problems.conflict("Session " + sessionId + " is " + session.status().wireName()
                        + "; it can be rated once it has ended"));
            }
            if (session.acceptedAt() == null) {
                return Mono.error(Problems.conflict("Session " + sessionId + " never took place, so it cannot be rated"));
            }
            return Mono.just(session);
        });
    }

    private Mono<Rating> announced(Rating rating) {
        return events.publish(SessionRated.of(clock.instant(), rating.sessionId(), rating.userId(), rating.astrologerId(),
                rating.sessionType(), rating.stars(), rating.review(), rating.revision(), rating.ratedAt()))
                .thenReturn(rating);
    }
}
