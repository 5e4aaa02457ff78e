package com.astro.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.reactivestreams.client.MongoClient;

import reactor.core.publisher.Flux;

/** The store against the embedded Mongo server over TCP: numbers stay gapless whatever the head says. */
class MessageStoreTest {

    private static MongoClient client;

    private static ReactiveMongoTemplate mongo;

    private static MessageStore store;

    private static final CommandLog log = new CommandLog();

    /** The commands the store sent, by name. */
    private static final List<String> commands = log.commands;

    @BeforeAll
    static void connect() {
        client = log.client;
        mongo = new ReactiveMongoTemplate(client, "chat-store-" + UUID.randomUUID());
        store = new MessageStore(mongo);
        store.ensureIndexes().block();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void concurrentStoresOfOneSessionGetGaplessNumbers() {
        String session = newSession();
        Flux.range(0, 30).flatMap(i -> store.store(draft(session, "c" + i)), 30).collectList().block();

        assertThat(seqs(session)).isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(i -> (long) i).toList());
        assertThat(store.lastSeq(session).block()).isEqualTo(30);
    }

    @Test
    void aHeadLeftBehindByACrashIsRaisedByTheNextStoreWithoutAGap() {
        String session = newSession();
        store.store(draft(session, "first")).block();
        // a crash between insert and raise: message 2 exists, the head still says 1
        mongo.insert(new ChatMessage(UUID.randomUUID().toString(), session, 2, "user_1", "user", "orphan", null,
                "m:orphan", Instant.now())).block();

        MessageStore.Stored third = store.store(draft(session, "third")).block();

        assertThat(third.message().seq()).isEqualTo(3);
        assertThat(seqs(session)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aSessionStoredBeforeHeadsExistedContinuesAfterItsHighestNumber() {
        String session = newSession();
        for (long seq = 1; seq <= 3; seq++) {
            mongo.insert(new ChatMessage(UUID.randomUUID().toString(), session, seq, "user_1", "user", "old " + seq,
                    null, "m:old" + seq, Instant.now())).block();
        }

        assertThat(store.store(draft(session, "new")).block().message().seq()).isEqualTo(4);
        assertThat(mongo.findById(session, Document.class, MessageStore.HEADS).block().get("lastSeq")).isEqualTo(4L);
    }

    @Test
    void aRepeatedClientMessageIdLeavesTheHeadAlone() {
        String session = newSession();
        store.store(draft(session, "same")).block();

        MessageStore.Stored again = store.store(draft(session, "same")).block();

        assertThat(again.duplicate()).isTrue();
        assertThat(store.lastSeq(session).block()).isEqualTo(1);
    }

    @Test
    void aStoreInASessionThisInstanceKnowsTakesOneInsertAndOneHeadRaise() {
        String session = newSession();
        store.store(draft(session, "first")).block();
        commands.clear();

        store.store(draft(session, "second")).block();

        assertThat(commands).containsExactly("insert", "update");
    }

    @Test
    void anInsertNumbersTheMessageAndLeavesTheHeadToTheRaiseThatFollows() {
        String session = newSession();
        store.store(draft(session, "first")).block();
        commands.clear();

        MessageStore.Stored second = store.insert(draft(session, "second")).block();

        assertThat(second.message().seq()).isEqualTo(2);
        assertThat(commands).containsExactly("insert");
        assertThat(store.insert(draft(session, "third")).block().message().seq()).isEqualTo(3);
        store.raiseHead(second).block();
        assertThat(mongo.findById(session, Document.class, MessageStore.HEADS).block().get("lastSeq")).isEqualTo(2L);
    }

    @Test
    void aRepeatedClientMessageIdIsFoundByTheIndexNotByALookupBeforeEveryInsert() {
        String session = newSession();
        store.store(draft(session, "same")).block();
        commands.clear();

        MessageStore.Stored again = store.store(draft(session, "same")).block();

        assertThat(again.duplicate()).isTrue();
        assertThat(commands).containsExactly("insert", "find");
    }

    @Test
    void aNumberHeardFromAnotherInstanceIsFollowedWithoutACollision() {
        String session = newSession();
        MessageStore other = new MessageStore(mongo);
        other.store(draft(session, "1")).block();
        long heard = other.store(draft(session, "2")).block().message().seq();
        store.exists(session, heard);
        commands.clear();

        assertThat(store.store(draft(session, "3")).block().message().seq()).isEqualTo(3);
        assertThat(commands).containsExactly("insert", "update");
    }

    private static String newSession() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static MessageStore.Draft draft(String session, String clientMessageId) {
        return new MessageStore.Draft(UUID.randomUUID().toString(), session, "user_1", "user", "hello " + clientMessageId,
                clientMessageId, Instant.now());
    }

    private static List<Long> seqs(String session) {
        return mongo.find(Query.query(Criteria.where("sessionId").is(session)), ChatMessage.class)
                .map(ChatMessage::seq).sort().collectList().block();
    }
}
