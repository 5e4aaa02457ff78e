package com.astro.chat.message;

import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Stores messages with gapless per-session sequence numbers. A message takes the number after the session's
 * highest one and is inserted under a unique (sessionId, seq) index: of two senders racing for the same number
 * one wins and the other retries with the next. Unlike a separate counter that is incremented before the
 * insert, a number exists only once its message does, so numbers never go missing when an insert fails, and a
 * message with seq n being visible means 1..n-1 are visible too; receivers rely on that to fill gaps.
 * <p>
 * The highest number is kept in a small head document per session ({@value #HEADS}), read by id, and only
 * ever raised ({@code $max}) to a number whose message exists, so it is never ahead of the messages; when it
 * lags (a crash between insert and raise) the next insert collides and raises it. Reading the highest
 * number from the messages themselves (sort, limit 1) scans the collection on the embedded Mongo server and
 * made every store slower as history grew (1.9 s at 20,000 messages, docs/benchmarks.md); it is now only the
 * fallback for a session that has no head yet.
 */
@Repository
public class MessageStore {

    static final String SEQ_INDEX = "session_seq_unique";
    static final String DEDUP_INDEX = "session_sender_dedup_unique";

    static final String HEADS = "message_heads";

    private static final int MAX_ATTEMPTS = 50;

    private final ReactiveMongoTemplate mongo;

    public MessageStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Void> ensureIndexes() {
        var ops = mongo.indexOps(ChatMessage.class);
        return ops.createIndex(new Index().on("sessionId", Sort.Direction.ASC).on("seq", Sort.Direction.ASC)
                        .unique().named(SEQ_INDEX))
                .then(ops.createIndex(new Index().on("sessionId", Sort.Direction.ASC).on("senderId", Sort.Direction.ASC)
                        .on("dedupKey", Sort.Direction.ASC).unique().named(DEDUP_INDEX)))
                .then();
    }

    /** A message to store; {@code seq} is assigned by {@link #store}. */
    public record Draft(String id, String sessionId, String senderId, String senderRole, String text,
            String clientMessageId, java.time.Instant sentAt) {
    }

    /** The stored message, and whether it had been stored before under the same clientMessageId. */
    public record Stored(ChatMessage message, boolean duplicate) {
    }

    public Mono<Stored> store(Draft draft) {
        return existing(draft)
                .map(original -> new Stored(original, true))
                .switchIfEmpty(Mono.defer(() -> insertNext(draft)));
    }

    private Mono<Stored> insertNext(Draft draft) {
        String dedupKey = dedupKey(draft);
        return Mono.defer(() -> lastSeq(draft.sessionId()).flatMap(last -> insertAt(draft, dedupKey, last + 1)))
                .map(saved -> new Stored(saved, false))
                // a duplicate key is either a lost race for the number (retry) or the same clientMessageId sent
                // twice at once (answer with the one that was stored)
                .onErrorResume(DuplicateKeyException.class, ex -> existing(draft)
                        .map(original -> new Stored(original, true))
                        .switchIfEmpty(Mono.error(ex)))
                .retryWhen(Retry.backoff(MAX_ATTEMPTS, Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(20))
                        .filter(DuplicateKeyException.class::isInstance));
    }

    private Mono<ChatMessage> insertAt(Draft draft, String dedupKey, long seq) {
        ChatMessage message = new ChatMessage(draft.id(), draft.sessionId(), seq, draft.senderId(), draft.senderRole(),
                draft.text(), draft.clientMessageId(), dedupKey, draft.sentAt());
        return mongo.insert(message)
                .flatMap(saved -> raiseHead(draft.sessionId(), seq).thenReturn(saved))
                // the collision may be on the dedup index instead; raise the head only if the number is taken
                .onErrorResume(DuplicateKeyException.class, ex -> seqTaken(draft.sessionId(), seq)
                        .flatMap(taken -> taken ? raiseHead(draft.sessionId(), seq) : Mono.<Void>empty())
                        .then(Mono.error(ex)));
    }

    private Mono<Boolean> seqTaken(String sessionId, long seq) {
        return mongo.exists(Query.query(Criteria.where("sessionId").is(sessionId).and("seq").is(seq)), ChatMessage.class);
    }

    private Mono<Void> raiseHead(String sessionId, long seq) {
        Mono<Void> raise = mongo.upsert(Query.query(Criteria.where("_id").is(sessionId)),
                new Update().max("lastSeq", seq), HEADS).then();
        // two first upserts of one head race on its _id: the loser's raise applies to the winner's document
        return raise.onErrorResume(DuplicateKeyException.class, ex -> raise);
    }

    private Mono<ChatMessage> existing(Draft draft) {
        if (draft.clientMessageId() == null) {
            return Mono.empty();
        }
        return mongo.findOne(Query.query(Criteria.where("sessionId").is(draft.sessionId())
                .and("senderId").is(draft.senderId()).and("dedupKey").is(dedupKey(draft))), ChatMessage.class);
    }

    /** Prefixed so that a client's id can never equal the generated key of a message sent without one. */
    private static String dedupKey(Draft draft) {
        return draft.clientMessageId() != null ? "c:" + draft.clientMessageId() : "m:" + draft.id();
    }

    /** The session's highest sequence number (or one below it, see the class comment), 0 before its first message. */
    public Mono<Long> lastSeq(String sessionId) {
        return mongo.findById(sessionId, Document.class, HEADS)
                .map(head -> ((Number) head.get("lastSeq")).longValue())
                .switchIfEmpty(Mono.defer(() -> scannedLastSeq(sessionId)
                        .flatMap(last -> raiseHead(sessionId, last).thenReturn(last))));
    }

    /** Reads the highest number from the messages: a collection scan on the embedded server, once per session. */
    private Mono<Long> scannedLastSeq(String sessionId) {
        Query query = Query.query(Criteria.where("sessionId").is(sessionId))
                .with(Sort.by(Sort.Direction.DESC, "seq")).limit(1);
        query.fields().include("seq");
        return mongo.findOne(query, ChatMessage.class).map(ChatMessage::seq).defaultIfEmpty(0L);
    }

    /** Up to {@code limit} messages with seq above {@code afterSeq} (and below {@code beforeSeq} if given), oldest first. */
    public Flux<ChatMessage> after(String sessionId, long afterSeq, Long beforeSeq, int limit) {
        Criteria seq = Criteria.where("seq").gt(afterSeq);
        if (beforeSeq != null) {
            seq = seq.lt(beforeSeq);
        }
        Query query = Query.query(Criteria.where("sessionId").is(sessionId).andOperator(seq))
                .with(Sort.by(Sort.Direction.ASC, "seq")).limit(limit);
        return mongo.find(query, ChatMessage.class);
    }

    /** The {@code limit} newest messages below {@code beforeSeq} (all if null), returned oldest first. */
    public Mono<List<ChatMessage>> newestBefore(String sessionId, Long beforeSeq, int limit) {
        Criteria criteria = Criteria.where("sessionId").is(sessionId);
        if (beforeSeq != null) {
            criteria = criteria.and("seq").lt(beforeSeq);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit);
        return mongo.find(query, ChatMessage.class).collectList().map(list -> {
            java.util.List<ChatMessage> ascending = new java.util.ArrayList<>(list);
            java.util.Collections.reverse(ascending);
            return ascending;
        });
    }

    public Mono<Long> count(String sessionId) {
        return mongo.count(Query.query(Criteria.where("sessionId").is(sessionId)), ChatMessage.class);
    }
}
