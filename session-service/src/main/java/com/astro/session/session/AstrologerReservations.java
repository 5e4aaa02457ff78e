package com.astro.session.session;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** An astrologer holds at most one active session: taken at accept, released when the session ends. */
@Component
public class AstrologerReservations extends Holders {

    public AstrologerReservations(ReactiveMongoTemplate mongo) {
        super(mongo, "astrologer_reservations");
    }
}
