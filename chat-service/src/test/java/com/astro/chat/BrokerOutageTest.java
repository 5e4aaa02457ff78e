package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import com.astro.chat.message.Outboxes;
import com.astro.common.event.EventJson;
import com.astro.common.event.MessageSent;
import com.astro.common.event.Topics;
import com.astro.infra.EmbeddedKafka;
import com.astro.infra.TestInfra;

import tools.jackson.databind.JsonNode;

/**
 * The Kafka broker stopped for 10 s and started again while users on two instances chat at 200 messages/s: every
 * message a sender saw acknowledged reaches every receiver of its session once and in order, and is on
 * {@code message-sent} exactly once (read back at the end and counted by message id).
 * The rate and size are properties ({@code -Dchat.outage.rate=100}).
 */
class BrokerOutageTest extends ChatTestSupport {

    private static final int SESSIONS = Integer.getInteger("chat.outage.sessions", 10);

    private static final int RATE = Integer.getInteger("chat.outage.rate", 200);

    private static final Duration LOAD = Duration.ofSeconds(20);

    private static final Duration BEFORE_STOP = Duration.ofSeconds(4);

    private static final Duration DOWN = Duration.ofSeconds(10);

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** One sent message: the session, the id the client gave it and the request whose acknowledgement tells. */
    private record Sent(String sessionId, String clientMessageId, String ack) {
    }

    @Test
    void messagesAcknowledgedAroundABrokerRestartReachEveryReceiverOnceInOrderAndTheTopicExactlyOnce() throws Exception {
        List<Parties> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            Parties p = activeSession();
            sessions.add(p);
            clients.connect("user" + s, cluster.a().url(), p.userToken());
            clients.connect("astro" + s, cluster.b().url(), p.astrologerToken());
            clients.call("user" + s, "join-session", json("sessionId", p.sessionId()));
            clients.call("astro" + s, "join-session", json("sessionId", p.sessionId()));
        }

        List<Sent> sent = new ArrayList<>();
        CompletableFuture<Void> outage = null;
        long start = System.nanoTime();
        long total = RATE * LOAD.toSeconds();
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / RATE;
            // open loop: each send at its own time, however long the previous one took
            LockSupport.parkNanos(due - System.nanoTime());
            if (outage == null && System.nanoTime() - start >= BEFORE_STOP.toNanos()) {
                outage = CompletableFuture.runAsync(BrokerOutageTest::restartBroker);
            }
            int s = i % SESSIONS;
            String client = (i / SESSIONS) % 2 == 0 ? "user" + s : "astro" + s;
            String clientMessageId = "m-" + i;
            sent.add(new Sent(sessions.get(s).sessionId(), clientMessageId, clients.request(client, "message:send",
                    json("sessionId", sessions.get(s).sessionId(), "text", clientMessageId,
                            "clientMessageId", clientMessageId))));
        }
        outage.get();

        Map<String, JsonNode> answers = awaitAnswers(sent);
        Map<String, String> acknowledged = new LinkedHashMap<>();
        Map<String, Integer> refusals = new TreeMap<>();
        for (Sent message : sent) {
            JsonNode answer = answers.get(message.ack());
            if (answer.path("ok").asBoolean()) {
                acknowledged.put(answer.path("message").path("id").asString(), message.sessionId());
            }
            else {
                refusals.merge(answer.path("error").path("code").asString(), 1, Integer::sum);
            }
        }
        System.out.println("broker outage: refusals by code " + refusals);

        // what the instances' sweepers do every 10 s in production (ChatCluster turns them off for tests)
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
        sweeper.scheduleWithFixedDelay(() -> {
            Outboxes.sweep(cluster.a());
            Outboxes.sweep(cluster.b());
        }, 0, 2, TimeUnit.SECONDS);
        try {
            assertDeliveredAndPublishedOnce(sessions, sent.size(), acknowledged);
        }
        finally {
            sweeper.shutdownNow();
        }
    }

    private void assertDeliveredAndPublishedOnce(List<Parties> sessions, int sent, Map<String, String> acknowledged) {
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        for (int s = 0; s < SESSIONS; s++) {
            String sessionId = sessions.get(s).sessionId();
            Set<String> expected = acknowledged.entrySet().stream().filter(e -> e.getValue().equals(sessionId))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            for (String receiver : List.of("user" + s, "astro" + s)) {
                try {
                    await().atMost(CATCH_UP).until(() -> ids(receiver).containsAll(expected));
                }
                catch (ConditionTimeoutException ex) {
                    // counted as lost below, with what is known about them
                    Set<String> missing = new HashSet<>(expected);
                    missing.removeAll(ids(receiver));
                    System.out.printf("%s missed %d of %d acknowledged messages: %s; received seqs %s%n", receiver,
                            missing.size(), expected.size(), missing, clients.received(receiver, "message:receive")
                                    .stream().map(m -> m.path("seq").asLong()).toList());
                }
                List<JsonNode> received = clients.received(receiver, "message:receive");
                List<Long> seqs = received.stream().map(m -> m.path("seq").asLong()).toList();
                duplicated += seqs.size() - new HashSet<>(seqs).size();
                for (int k = 1; k < seqs.size(); k++) {
                    outOfOrder += seqs.get(k) <= seqs.get(k - 1) ? 1 : 0;
                }
                lost += expected.stream().filter(id -> !ids(receiver).contains(id)).count();
            }
        }
        await().atMost(CATCH_UP).until(() -> publishedEventIds().keySet().containsAll(acknowledged.keySet()));
        Map<String, List<String>> onTopic = publishedEventIds();
        long extraCopies = acknowledged.keySet().stream().mapToLong(id -> onTopic.get(id).size() - 1).sum();

        System.out.printf("broker outage: %d sent, %d acknowledged, %d refused; at receivers %d lost, %d duplicated, "
                + "%d out of order; on message-sent 0 missing, %d extra copies%n", sent,
                acknowledged.size(), sent - acknowledged.size(), lost, duplicated, outOfOrder, extraCopies);
        assertThat(acknowledged).isNotEmpty();
        assertThat(lost).isZero();
        assertThat(duplicated).isZero();
        assertThat(outOfOrder).isZero();
        assertThat(extraCopies).isZero();
    }

    private static void restartBroker() {
        EmbeddedKafka kafka = TestInfra.shared().kafka();
        kafka.stopBroker();
        try {
            Thread.sleep(DOWN.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            kafka.startBroker();
        }
    }

    private Map<String, JsonNode> awaitAnswers(List<Sent> sent) {
        Set<String> acks = sent.stream().map(Sent::ack).collect(Collectors.toSet());
        return await().atMost(CATCH_UP).until(() -> {
            try {
                return clients.awaitAcks(acks);
            }
            catch (ConditionTimeoutException notYet) {
                return null;
            }
        }, answers -> answers != null);
    }

    private Set<String> ids(String receiver) {
        return clients.received(receiver, "message:receive").stream().map(m -> m.path("id").asString())
                .collect(Collectors.toSet());
    }

    /** The event id of every copy of each message on {@code message-sent}, by message id. */
    private static Map<String, List<String>> publishedEventIds() {
        return TopicReader.values(Topics.MESSAGE_SENT).stream().map(v -> EventJson.read(v, MessageSent.class))
                .collect(Collectors.groupingBy(MessageSent::messageId,
                        Collectors.mapping(MessageSent::eventId, Collectors.toList())));
    }
}
