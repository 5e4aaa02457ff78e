package com.astro.session.report;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class ReportStore implements OwnIndexes {

    private final ReactiveMongoTemplate mongo;

    ReportStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The unique index is what keeps one report per participant and session under concurrent calls. */
    @Override
    public Mono<Void> ensureIndexes() {
        return Flux.concat(
                mongo.indexOps(Report.class).createIndex(new Index().on("sessionId", Sort.Direction.ASC)
                        .on("reporterId", Sort.Direction.ASC).unique()),
                mongo.indexOps(Report.class).createIndex(new Index().on("status", Sort.Direction.ASC)))
                .then();
    }

    /** One report per participant and session: a second, or a concurrent one, answers the first. */
    Mono<Created> create(Report report) {
        return mongo.insert(report).map(stored -> new Created(stored, true))
                .onErrorResume(DuplicateKeyException.class, ex -> mongo.findOne(Query.query(
                        Criteria.where("sessionId").is(report.sessionId()).and("reporterId").is(report.reporterId())), Report.class)
                        .map(existing -> new Created(existing, false)));
    }

    Flux<Report> withStatus(String status, int limit) {
        // sorted by the server before the limit: the newest ones, not any "limit" of them
        return mongo.find(Query.query(Criteria.where("status").is(status))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), Report.class);
    }

    /** Resolves an open report; an already resolved one is answered as it is, an unknown one empty. */
    Mono<Report> resolve(String id, String admin, Instant now) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").is(Report.OPEN)),
                new Update().set("status", Report.RESOLVED).set("resolvedAt", now).set("resolvedBy", admin),
                FindAndModifyOptions.options().returnNew(true), Report.class)
                .switchIfEmpty(Mono.defer(() -> mongo.findById(id, Report.class)));
    }

    record Created(Report report, boolean isNew) {
    }
}
