package com.astro.chat.message;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.astro.chat.ChatTestSupport;
import com.astro.common.event.MessageSent;
import com.astro.common.security.CurrentUser;
import com.astro.common.security.Role;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/** Sequence numbers stay gapless and unique under concurrent senders, and delivery is in order whatever Kafka does. */
class OrderingAndConcurrencyTest extends ChatTestSupport {

    @Test
    void concurrentSendersOnBothInstancesGetGaplessUniqueSequenceNumbers() {
        Parties p = activeSession();
        CurrentUser user = new CurrentUser(p.userId(), Role.USER, null);
        CurrentUser astrologer = new CurrentUser(p.astrologerId(), Role.ASTROLOGER, null);
        MessageService onA = cluster.a().bean(MessageService.class);
        MessageService onB = cluster.b().bean(MessageService.class);

        List<Long> seqs = Flux.range(0, 40)
                .flatMap(i -> (i % 2 == 0 ? onA.send(user, new MessageService.Send(p.sessionId(), "u" + i, null))
                        : onB.send(astrologer, new MessageService.Send(p.sessionId(), "a" + i, null)))
                        .subscribeOn(Schedulers.parallel()), 40)
                .map(m -> m.seq()).collectList().block(WAIT);

        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(storedCount(p.sessionId())).isEqualTo(40);
    }

    @Test
    void theSameClientMessageIdSentConcurrentlyIsStoredOnce() {
        Parties p = activeSession();
        CurrentUser user = new CurrentUser(p.userId(), Role.USER, null);
        MessageService onA = cluster.a().bean(MessageService.class);
        MessageService onB = cluster.b().bean(MessageService.class);

        List<String> ids = Flux.range(0, 20)
                .flatMap(i -> (i % 2 == 0 ? onA : onB).send(user, new MessageService.Send(p.sessionId(), "same", "c-1"))
                        .subscribeOn(Schedulers.parallel()), 20)
                .map(m -> m.id()).collectList().block(WAIT);

        assertThat(ids).hasSize(20).containsOnly(ids.get(0));
        assertThat(storedCount(p.sessionId())).isEqualTo(1);
    }

    private ChatMessage storeWithoutPublishing(Parties p, String text) {
        return cluster.a().bean(MessageStore.class).store(new MessageStore.Draft(UUID.randomUUID().toString(),
                p.sessionId(), p.userId(), "user", text, null, Instant.now())).block(WAIT).message();
    }

    private void publish(ChatMessage m) {
        cluster.events().publish(MessageSent.of(Instant.now(), m.id(), m.sessionId(), m.seq(), m.senderId(),
                m.senderRole(), m.text(), m.clientMessageId(), m.sentAt())).block(WAIT);
    }

    @Test
    void messagesPublishedOutOfOrderAreDeliveredInSequenceOrder() {
        Parties p = activeSession();
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        List<ChatMessage> stored = IntStream.rangeClosed(1, 3).mapToObj(i -> storeWithoutPublishing(p, "m" + i)).toList();

        publish(stored.get(2));
        publish(stored.get(0));
        publish(stored.get(1));

        List<JsonNode> received = clients.awaitReceived("astro", "message:receive", 3);
        assertThat(received).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(received).extracting(m -> m.path("text").asString()).containsExactly("m1", "m2", "m3");
    }

    @Test
    void aMessageStoredButNeverPublishedIsFilledInFromTheStore() {
        Parties p = activeSession();
        clients.connect("astro", cluster.a().url(), p.astrologerToken());
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        ChatMessage lost = storeWithoutPublishing(p, "lost on the way");
        ChatMessage next = storeWithoutPublishing(p, "next");

        publish(next);

        List<JsonNode> received = clients.awaitReceived("astro", "message:receive", 2);
        assertThat(received).extracting(m -> m.path("id").asString()).containsExactly(lost.id(), next.id());
    }
}
