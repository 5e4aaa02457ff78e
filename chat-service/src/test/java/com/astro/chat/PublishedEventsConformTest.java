package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.astro.infra.EventSchemas;
import com.astro.infra.TestInfra;
import com.astro.infra.TopicRecords;

/**
 * Every event chat-service has published in this test run conforms to its schema in docs/events (the
 * contract analytics read, described by docs/asyncapi.yaml). Each test first makes the service publish one more
 * of its events, so the topic is never checked empty, then checks the whole topic.
 */
class PublishedEventsConformTest extends ChatTestSupport {

    private static final String KAFKA = TestInfra.shared().kafka().bootstrapServers();

    /** A message, a connection, a heartbeat (every second in tests) and a relayed session request. */
    private void publishOneOfEach() {
        Parties p = newParties();
        requested(p);
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.call("user", "session:request", json("sessionId", p.sessionId()));
        accepted(p);
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "hello"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "message-sent", "chat-connections", "chat-heartbeats", "chat-relay" })
    void everyEventOnTheTopicConformsToItsSchema(String topic) {
        publishOneOfEach();
        await().atMost(WAIT).until(() -> !TopicRecords.values(KAFKA, topic).isEmpty());

        assertThat(EventSchemas.violationsOnTopic(KAFKA, topic)).isEmpty();
    }
}
