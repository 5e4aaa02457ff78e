package com.astro.session.session;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/** A user holds at most one pending or active session: taken at start, released when the session ends. */
@Component
public class UserLocks extends Holders {

    public UserLocks(ReactiveMongoTemplate mongo) {
        super(mongo, "user_locks");
    }
}
