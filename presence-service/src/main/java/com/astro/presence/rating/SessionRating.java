package com.astro.presence.rating;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The current stars of one rated session (its highest revision seen), from which the astrologer's average is made. */
@Document("session_ratings")
record SessionRating(@Id String sessionId, String astrologerId, int stars, int revision) {
}
