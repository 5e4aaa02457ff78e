package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

import com.astro.chat.session.ChatSession;
import com.astro.chat.session.Sessions;
import com.astro.common.event.EventJson;
import com.astro.common.event.SessionRequested;
import com.astro.common.event.SessionType;
import com.astro.common.event.Topics;

/**
 * A session record that can never be applied goes to {@code <topic>.DLT} with the reason in its headers, and the
 * read-model group goes on with the next record of the partition (a request for parties without sockets here is
 * stored by that group alone, so its arrival proves the group moved past the poison).
 */
class DeadLetterTest extends ChatTestSupport {

    @SuppressWarnings("unchecked")
    private void publishRaw(String topic, String key, String value) throws Exception {
        cluster.a().bean(KafkaTemplate.class).send(topic, key, value).get(30, TimeUnit.SECONDS);
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String topic, String key) {
        return TopicReader.records(Topics.deadLetter(topic)).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecordThatIsNotJsonGoesToTheDeadLetterTopicAndTheNextRecordIsApplied() throws Exception {
        Parties p = newParties();

        publishRaw(Topics.SESSION_REQUESTED, p.sessionId(), "{not json");
        requested(p);

        assertThat(session(p)).isNotNull();
        await().atMost(WAIT).until(() -> deadLetters(Topics.SESSION_REQUESTED, p.sessionId()).size() == 1);
        ConsumerRecord<String, String> dead = deadLetters(Topics.SESSION_REQUESTED, p.sessionId()).get(0);
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("not a readable SessionRequested");
        assertThat(header(dead, "kafka_dlt-original-consumer-group")).isEqualTo("chat-service");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.SESSION_REQUESTED);
    }

    @Test
    void anEventOfAnUnknownSchemaVersionGoesToTheDeadLetterTopicUnapplied() throws Exception {
        Parties p = newParties();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionRequested v1 = SessionRequested.of(now, p.sessionId(), p.userId(), p.astrologerId(), SessionType.CHAT,
                10, now.plusSeconds(60));
        String v2 = EventJson.write(v1).replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        publishRaw(Topics.SESSION_REQUESTED, p.sessionId(), v2);

        await().atMost(WAIT).until(() -> deadLetters(Topics.SESSION_REQUESTED, p.sessionId()).size() == 1);
        assertThat(header(deadLetters(Topics.SESSION_REQUESTED, p.sessionId()).get(0), "kafka_dlt-exception-message"))
                .contains("schema version 2 is unknown");
        assertThat(session(p)).isNull();
    }

    @Test
    void anEventMissingItsPartiesGoesToTheDeadLetterTopic() throws Exception {
        Parties p = newParties();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionRequested incomplete = SessionRequested.of(now, p.sessionId(), null, p.astrologerId(),
                SessionType.CHAT, 10, now.plusSeconds(60));

        cluster.events().publish(incomplete).block(WAIT);

        await().atMost(WAIT).until(() -> deadLetters(Topics.SESSION_REQUESTED, p.sessionId()).size() == 1);
        assertThat(session(p)).isNull();
    }

    private ChatSession session(Parties p) {
        return Sessions.find(cluster.a(), p.sessionId());
    }
}
