package com.astro.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What a listener that reads several topics does with a record of a topic it has no handler for. */
class ConsumedEventsTest {

    @Test
    void aRecordOfATopicWithoutHandlerIsUnprocessableAndNamesTheTopic() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("session-rated", 0, 7, "key", "{}");

        assertThat(ConsumedEvents.unexpected(record))
                .isInstanceOf(UnprocessableEventException.class)
                .hasMessageContaining("session-rated");
    }
}
