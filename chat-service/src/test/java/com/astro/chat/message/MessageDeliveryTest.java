package com.astro.chat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.reactivestreams.client.MongoClient;

/** Live delivery against the embedded Mongo server: the store is read only for a gap that does not close by itself. */
class MessageDeliveryTest {

    private static final CommandLog log = new CommandLog();

    private static final List<String> commands = log.commands;

    private static MongoClient client;

    private static MessageStore store;

    private final List<Long> received = new CopyOnWriteArrayList<>();

    private final Recipient recipient = new Recipient() {

        @Override
        public String id() {
            return "socket-1";
        }

        @Override
        public void receive(MessageView message) {
            received.add(message.seq());
        }
    };

    @BeforeAll
    static void connect() {
        client = log.client;
        store = new MessageStore(new ReactiveMongoTemplate(client, "chat-delivery-" + UUID.randomUUID()));
        store.ensureIndexes().block();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aGapClosedByTheMissingLiveMessageIsNeverReadFromTheStore() {
        MessageDelivery delivery = new MessageDelivery(store);
        String session = UUID.randomUUID().toString();
        delivery.join(session, recipient, 0L).block();
        commands.clear();

        delivery.deliver(view(session, 2));
        delivery.deliver(view(session, 1));

        assertThat(received).containsExactly(1L, 2L);
        await().during(MessageDelivery.GAP_GRACE.multipliedBy(2)).atMost(Duration.ofSeconds(5))
                .until(() -> !commands.contains("find"));
    }

    @Test
    void aGapThatOutlivesTheGraceIsFilledFromTheStore() {
        MessageDelivery delivery = new MessageDelivery(store);
        String session = UUID.randomUUID().toString();
        delivery.join(session, recipient, 0L).block();
        MessageStore.Stored first = store.store(new MessageStore.Draft(UUID.randomUUID().toString(), session, "user_1",
                "user", "stored, never published", null, Instant.now())).block();

        delivery.deliver(view(session, first.message().seq() + 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).containsExactly(1L, 2L);
    }

    private static MessageView view(String session, long seq) {
        return new MessageView("m" + seq, session, seq, "user_1", "user", "text " + seq, null, Instant.now());
    }
}
