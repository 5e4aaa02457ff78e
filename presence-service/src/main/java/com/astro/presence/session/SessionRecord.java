package com.astro.presence.session;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What presence-service has seen of one session: when its {@code session-accepted} and
 * {@code session-ended} events arrived. The two come on different topics and may arrive in either order;
 * this record is how a late acceptance learns that the session is already over. Records expire (TTL on
 * {@code firstSeenAt}) once no event of the session can sensibly still arrive.
 */
@Document(SessionRecord.COLLECTION)
record SessionRecord(@Id String id, String astrologerId, Instant firstSeenAt, Instant acceptedSeenAt,
        Instant endedSeenAt) {

    static final String COLLECTION = "sessions";

    boolean ended() {
        return endedSeenAt != null;
    }
}
