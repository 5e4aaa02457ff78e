package com.astro.session.session;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import com.astro.session.report.Report;
import com.astro.session.wallet.LedgerEntry;

import reactor.core.publisher.Flux;

/**
 * Indexes for the listing, the sweeper, the wallet view and reports (one per participant and session); creating an
 * existing index is a no-op.
 */
@Component
public class SessionIndexes implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    public SessionIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Flux.concat(
                mongo.indexOps(Session.class).createIndex(new Index().on("userId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)),
                mongo.indexOps(Session.class).createIndex(new Index().on("astrologerId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)),
                mongo.indexOps(DueSessions.COLLECTION).createIndex(new Index().on("dueAt", Sort.Direction.ASC)),
                mongo.indexOps(LedgerEntry.class).createIndex(new Index().on("userId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)),
                mongo.indexOps(Report.class).createIndex(new Index().on("sessionId", Sort.Direction.ASC)
                        .on("reporterId", Sort.Direction.ASC).unique()),
                mongo.indexOps(Report.class).createIndex(new Index().on("status", Sort.Direction.ASC)))
                .then().block();
    }
}
