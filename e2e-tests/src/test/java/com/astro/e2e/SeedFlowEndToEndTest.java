package com.astro.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.common.event.EventJson;
import com.astro.common.event.SessionEnded;
import com.astro.common.event.Topics;
import com.astro.stack.LocalStack;

/**
 * The seed's testing flow, end to end: gateway, presence, token, two session and two chat
 * instances on the embedded broker and Mongo server, driven only through the gateway by the
 * official socket.io-client (one client on WebSocket, one on long-polling, on different chat
 * instances), with the first-session promotion on. The flow itself lives in {@code src/test/js/seed-flow.js}: the
 * seed's steps, then what marketplaces add (typing, read receipts, unread counts, receipt, rating, the promotion, the
 * low-balance warning and the astrologer leaving).
 */
class SeedFlowEndToEndTest {

    private static final Pattern BILL = Pattern.compile("^BILL (\\{.*})$", Pattern.MULTILINE);

    private static final int FREE_MINUTES = 1;

    private static LocalStack stack;

    @BeforeAll
    static void startScaledOutStack() {
        // the astrologer goes offline this long after their last socket closes; the first-session promotion is on
        stack = ScaledOutStack.start(18080, Map.of("PRESENCE_DISCONNECT_GRACE", "3s", "PRESENCE_SWEEP_INTERVAL", "500ms",
                "CHAT_HEARTBEAT_INTERVAL", "1s", "SESSION_FREE_FIRST_MINUTES", String.valueOf(FREE_MINUTES)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void theSeedTestingFlowPassesThroughTheGatewayAndChargesOnce() {
        String printed = Flows.runPassing(Path.of("src/test/js/seed-flow.js"),
                Map.of("GATEWAY_URL", stack.gatewayUrl(), "RUN_ID", Flows.runId(), "FREE_MINUTES", String.valueOf(FREE_MINUTES)),
                Duration.ofMinutes(4), "FLOW passed");

        Matcher bill = BILL.matcher(printed);
        assertThat(bill.find()).as("the flow reports the bill").isTrue();
        Map<?, ?> billed = EventJson.mapper().readValue(bill.group(1), Map.class);
        String sessionId = (String) billed.get("sessionId");

        List<SessionEnded> ended = sessionEndedEvents().stream()
                .filter(event -> event.sessionId().equals(sessionId))
                .toList();
        assertThat(ended).as("exactly one session-ended for the billed session").hasSize(1);
        assertThat(ended.get(0).coinsCharged()).isEqualTo(((Number) billed.get("coinsCharged")).longValue());
    }

    private static List<SessionEnded> sessionEndedEvents() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<SessionEnded> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.SESSION_ENDED));
            long quietSince = System.currentTimeMillis();
            long deadline = quietSince + 30_000;
            // read until the topic has been quiet for two seconds after the partitions were assigned
            while ((System.currentTimeMillis() - quietSince < 2000 || consumer.assignment().isEmpty())
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(EventJson.read(record.value(), SessionEnded.class));
                    quietSince = System.currentTimeMillis();
                }
            }
        }
        return events;
    }
}
