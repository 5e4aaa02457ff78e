package com.astro.session.lifecycle;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** An astrologer holds at most one active session: taken at accept, released when the session ends. */
@Component
class AstrologerReservations extends Holders {

    AstrologerReservations(ReactiveMongoTemplate mongo) {
        super(mongo, "astrologer_reservations");
    }
}
