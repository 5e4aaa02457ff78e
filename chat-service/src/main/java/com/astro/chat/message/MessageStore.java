package com.astro.chat.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.astro.common.store.OwnIndexes;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores messages with gapless per-session sequence numbers. A message is inserted under a unique
 * (sessionId, seq) index with the number after one that is known to exist: of two senders racing for the same
 * number one wins and the other moves on past it. Unlike a separate counter that is incremented before the
 * insert, a number exists only once its message does, so numbers never go missing when an insert fails, and a
 * message with seq n being visible means 1..n-1 are visible too; receivers rely on that to fill gaps.
 * <p>
 * The common path is two round trips, the insert and the raise of the session's head: each instance remembers
 * the last number it stored or read per session ({@link #lastStored}), and a repeated clientMessageId is found
 * by the unique dedup index refusing the insert, not by a lookup before every insert. The head is a small
 * document per session ({@value #HEADS}), read by id when this instance has no number for the session yet and
 * only ever raised ({@code $max}) to a number whose message exists, so it is never ahead of the messages; when
 * it lags (a crash between insert and raise, or a raise still on its way) the next insert collides and moves past
 * it. That is why the service hands a message on once it is inserted ({@link #insert}) and raises the head beside
 * the publication ({@link #raiseHead(Stored)}): delivery waits for one round trip, not two. Reading the highest
 * number from the messages themselves (sort, limit 1) scans the collection on the embedded Mongo server
 * (1.9 s at 20,000 messages, docs/benchmarks.md); it is only the fallback for a session that has no head yet.
 */
@Repository
public class MessageStore implements OwnIndexes {

    static final String SEQ_INDEX = "session_seq_unique";
    static final String DEDUP_INDEX = "session_sender_dedup_unique";

    static final String HEADS = "message_heads";

    private static final int MAX_ATTEMPTS = 50;

    /** Sessions whose last number this instance remembers; past it the memory starts over (a miss is one read). */
    private static final int MAX_REMEMBERED = 100_000;

    private final ReactiveMongoTemplate mongo;

    /** Per session, a number known to exist (stored or read here); never ahead of the messages. */
    private final Map<String, Long> lastStored = new ConcurrentHashMap<>();

    MessageStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The unique indexes the sequence numbers and the clientMessageId dedup rest on (made at start, IndexesAtStart). */
    @Override
    public Mono<Void> ensureIndexes() {
        var ops = mongo.indexOps(ChatMessage.class);
        return ops.createIndex(new Index().on("sessionId", Sort.Direction.ASC).on("seq", Sort.Direction.ASC)
                        .unique().named(SEQ_INDEX))
                .then(ops.createIndex(new Index().on("sessionId", Sort.Direction.ASC).on("senderId", Sort.Direction.ASC)
                        .on("dedupKey", Sort.Direction.ASC).unique().named(DEDUP_INDEX)))
                .then();
    }

    /** A message to store; {@code seq} is assigned by {@link #insert}. */
    record Draft(String id, String sessionId, String senderId, String senderRole, String text,
            String clientMessageId, Instant sentAt) {
    }

    /** The stored message, and whether it had been stored before under the same clientMessageId. */
    record Stored(ChatMessage message, boolean duplicate) {
    }

    /** Stores the draft: {@link #insert}, then {@link #raiseHead(Stored)}. */
    Mono<Stored> store(Draft draft) {
        return insert(draft).flatMap(stored -> raiseHead(stored).thenReturn(stored));
    }

    /**
     * Inserts the draft with the session's next number, or finds the original of a repeated clientMessageId. The
     * session's head is left behind until {@link #raiseHead(Stored)}; this instance already numbers after it.
     */
    Mono<Stored> insert(Draft draft) {
        Long known = lastStored.get(draft.sessionId());
        Mono<Long> last = known != null ? Mono.just(known) : lastSeq(draft.sessionId());
        return last.flatMap(seq -> insertAfter(draft, dedupKey(draft), seq, 1));
    }

    /** Raises the session's head to a message just inserted; nothing for a duplicate (its number is older). */
    Mono<Void> raiseHead(Stored stored) {
        return stored.duplicate() ? Mono.empty() : raiseHead(stored.message().sessionId(), stored.message().seq());
    }

    /** Inserts at {@code last + 1}, where {@code last} exists; a taken number proves itself, so the next try is past it. */
    private Mono<Stored> insertAfter(Draft draft, String dedupKey, long last, int attempt) {
        long seq = last + 1;
        ChatMessage message = new ChatMessage(draft.id(), draft.sessionId(), seq, draft.senderId(), draft.senderRole(),
                draft.text(), draft.clientMessageId(), dedupKey, draft.sentAt());
        return mongo.insert(message)
                .map(saved -> {
                    remember(draft.sessionId(), seq);
                    return new Stored(saved, false);
                })
                .onErrorResume(DuplicateKeyException.class, ex -> {
                    Mono<Stored> movePast = Mono.defer(() -> movePast(draft, dedupKey, seq, attempt, ex));
                    if (onIndex(ex, SEQ_INDEX)) {
                        return movePast;
                    }
                    return original(draft, dedupKey).map(found -> new Stored(found, true)).switchIfEmpty(movePast);
                });
    }

    /**
     * The number was taken (by another sender, or this instance's memory lagged), so it exists now: the first
     * retry takes the next one, later ones the head's if it is further on.
     */
    private Mono<Stored> movePast(Draft draft, String dedupKey, long taken, int attempt, DuplicateKeyException ex) {
        if (attempt >= MAX_ATTEMPTS) {
            return Mono.error(ex);
        }
        Mono<Long> last = attempt == 1 ? Mono.just(taken) : lastSeq(draft.sessionId()).map(head -> Math.max(taken, head));
        return last.flatMap(seq -> insertAfter(draft, dedupKey, seq, attempt + 1));
    }

    /** Whether a duplicate key was refused by the named index (both MongoDB and the embedded server name it). */
    private static boolean onIndex(DuplicateKeyException ex, String index) {
        return ex.getMessage() != null && ex.getMessage().contains("index: " + index);
    }

    /**
     * Notes a number known to exist, such as one read from {@code message-sent}: this instance's next message in
     * the session then goes straight after it instead of colliding with it.
     */
    void exists(String sessionId, long seq) {
        remember(sessionId, seq);
    }

    /**
     * Drops what this instance remembers of the session, when it passes over a newer number unread: its next
     * message in the session reads the head instead of colliding with the numbers it missed.
     */
    void forget(String sessionId) {
        lastStored.remove(sessionId);
    }

    private Mono<Void> raiseHead(String sessionId, long seq) {
        remember(sessionId, seq);
        Mono<Void> raise = mongo.upsert(Query.query(Criteria.where("_id").is(sessionId)),
                new Update().max("lastSeq", seq), HEADS).then();
        // two first upserts of one head race on its _id: the loser's raise applies to the winner's document
        return raise.onErrorResume(DuplicateKeyException.class, ex -> raise);
    }

    private void remember(String sessionId, long seq) {
        if (lastStored.size() >= MAX_REMEMBERED) {
            lastStored.clear();
        }
        lastStored.merge(sessionId, seq, Math::max);
    }

    /** The message stored earlier under the draft's clientMessageId, if a collision was on that index. */
    private Mono<ChatMessage> original(Draft draft, String dedupKey) {
        if (draft.clientMessageId() == null) {
            return Mono.empty();
        }
        return mongo.findOne(Query.query(Criteria.where("sessionId").is(draft.sessionId())
                .and("senderId").is(draft.senderId()).and("dedupKey").is(dedupKey)), ChatMessage.class);
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
            List<ChatMessage> ascending = new ArrayList<>(list);
            Collections.reverse(ascending);
            return ascending;
        });
    }

    /**
     * Whether the session has a message numbered {@code seq}: numbers are gapless, so whether it is at most the
     * last one, known here or read from the head.
     */
    public Mono<Boolean> holds(String sessionId, long seq) {
        Long known = lastStored.get(sessionId);
        if (known != null && seq <= known) {
            return Mono.just(true);
        }
        return lastSeq(sessionId).map(last -> seq <= last);
    }

    /** How many of the session's messages after {@code afterSeq} someone other than {@code readerId} sent. */
    public Mono<Long> countFromOthers(String sessionId, long afterSeq, String readerId) {
        return mongo.count(Query.query(Criteria.where("sessionId").is(sessionId).and("seq").gt(afterSeq)
                .and("senderId").ne(readerId)), ChatMessage.class);
    }

    Mono<ChatMessage> byId(String messageId) {
        return mongo.findById(messageId, ChatMessage.class);
    }

    Mono<Long> count(String sessionId) {
        return mongo.count(Query.query(Criteria.where("sessionId").is(sessionId)), ChatMessage.class);
    }
}
