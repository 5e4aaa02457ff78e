package com.astro.session.lifecycle;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** A user holds at most one pending or active session: taken at start, released when the session ends. */
@Component
class UserLocks extends Holders {

    UserLocks(ReactiveMongoTemplate mongo) {
        super(mongo, "user_locks");
    }
}
