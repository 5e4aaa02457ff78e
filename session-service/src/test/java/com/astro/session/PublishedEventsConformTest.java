package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.astro.infra.EventSchemas;
import com.astro.infra.TestInfra;
import com.astro.infra.TopicRecords;

/**
 * Every session event published in this test run (this class's session and those of every earlier test class)
 * conforms to its schema in docs/events, the contract described by docs/asyncapi.yaml.
 */
class PublishedEventsConformTest extends SessionTestSupport {

    private static final String KAFKA = TestInfra.shared().kafka().bootstrapServers();

    /** A billed session and a rejected one: both kinds of session-ended (with and without acceptedAt). */
    private void publishSessions() {
        String user = fresh("user");
        String id = activeChatSession(user, fresh("astro"), 10, 100);
        CLOCK.advance(Duration.ofSeconds(61));
        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", id)).expectStatus().isOk();
        post("/api/sessions/" + id + "/rating", token(user, "user"), Map.of("stars", 5, "review", "Clear"))
                .expectStatus().isCreated();

        String otherUser = fresh("user");
        String astro = fresh("astro");
        onlineAstrologer(astro, 10);
        credit(otherUser, 100);
        String rejected = (String) startSession(otherUser, astro, "chat").get("id");
        post("/api/sessions/reject", token(astro, "astrologer"), Map.of("sessionId", rejected)).expectStatus().isOk();
    }

    @ParameterizedTest
    @ValueSource(strings = { "session-requested", "session-accepted", "session-ended", "session-rated" })
    void everyEventOnTheTopicConformsToItsSchema(String topic) {
        publishSessions();

        assertThat(TopicRecords.values(KAFKA, topic)).isNotEmpty();
        assertThat(EventSchemas.violationsOnTopic(KAFKA, topic)).isEmpty();
    }
}
