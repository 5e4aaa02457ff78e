package com.astro.presence.config;

import java.time.Duration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import com.astro.presence.astrologer.AstrologerPresence;
import com.astro.presence.connection.AstrologerConnections;
import com.astro.presence.connection.ChatInstance;
import com.astro.presence.session.SessionRecord;

import reactor.core.publisher.Flux;

/**
 * Indexes for the queries the service runs on every request or sweep, and a TTL on the session records,
 * which only matter while a session's events may still arrive (days at most). Creating an index that exists
 * is a no-op, so every instance does it at start.
 */
@Component
public class PresenceIndexes implements ApplicationRunner {

    /** How long a session's record is kept after presence first saw it. */
    static final Duration SESSION_RECORD_TTL = Duration.ofDays(7);

    private final ReactiveMongoTemplate mongo;

    public PresenceIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.concat(
                mongo.indexOps(AstrologerPresence.class).createIndex(new Index("online", Sort.Direction.ASC)),
                mongo.indexOps(AstrologerPresence.class).createIndex(new Index("disconnectedSince", Sort.Direction.ASC).sparse()),
                mongo.indexOps(AstrologerPresence.class).createIndex(new Index("unpublished", Sort.Direction.ASC)),
                mongo.indexOps(AstrologerConnections.class).createIndex(new Index("connections.instanceId", Sort.Direction.ASC)),
                mongo.indexOps(ChatInstance.class).createIndex(new Index("expiresAt", Sort.Direction.ASC)),
                // an astrologer's rated sessions, read to compute the average after each rating
                mongo.indexOps("session_ratings").createIndex(new Index("astrologerId", Sort.Direction.ASC)),
                mongo.indexOps(SessionRecord.class).createIndex(
                        new Index("firstSeenAt", Sort.Direction.ASC).expire(SESSION_RECORD_TTL)))
                .then()
                .block(Duration.ofSeconds(30));
    }
}
