package com.astro.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

import com.astro.common.event.Topics;
import com.astro.infra.EventSchemas;
import com.astro.infra.TestInfra;
import com.astro.infra.TopicRecords;

/**
 * Every presence-changed event published in this test run conforms to its schema in docs/events, the contract
 * described by docs/asyncapi.yaml.
 */
class PublishedEventsConformTest extends PresenceIntegrationTest {

    private static final String KAFKA = TestInfra.shared().kafka().bootstrapServers();

    @Test
    void everyPresenceChangedEventConformsToItsSchema() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", astrologerToken(id)).expectStatus().isOk();
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id)).expectStatus().isOk();
        await().atMost(WAIT).until(() -> TopicRecords.values(KAFKA, Topics.PRESENCE_CHANGED).stream()
                .anyMatch(value -> value.contains(id)));

        assertThat(EventSchemas.violationsOnTopic(KAFKA, Topics.PRESENCE_CHANGED)).isEmpty();
    }
}
