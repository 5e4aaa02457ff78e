package com.astro.presence.rating;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.astro.common.event.SessionRated;
import com.astro.common.event.Topics;
import com.astro.common.kafka.ConsumedEvents;
import com.astro.common.kafka.EventReader;

/**
 * Ratings, consumed once per event by the shared {@code presence-service} group; keyed by astrologer, so one
 * astrologer's ratings are applied in order by one consumer. Blocks until stored and published, as the session
 * listener does.
 */
@Component
class RatingsListener {

    private static final EventReader<SessionRated> RATED = EventReader.of(SessionRated.class, SessionRated.SCHEMA_VERSION)
            .requiring(event -> event.astrologerId() != null && event.sessionId() != null
                    && event.stars() >= 1 && event.stars() <= 5 && event.revision() >= 1,
                    "a session-rated without session, astrologer, stars 1 to 5 or revision");

    private final RatingTracker ratings;

    RatingsListener(RatingTracker ratings) {
        this.ratings = ratings;
    }

    @KafkaListener(topics = Topics.SESSION_RATED, groupId = "${spring.kafka.consumer.group-id:presence-service}")
    void onRated(String value) {
        ConsumedEvents.handle(value, RATED, ratings::rated);
    }
}
