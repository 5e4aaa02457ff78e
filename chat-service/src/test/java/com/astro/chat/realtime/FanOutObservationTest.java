package com.astro.chat.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import com.astro.common.event.Topics;

import io.micrometer.observation.ObservationPredicate;

/** Which records the fan-out observes: everything but its own group's {@code message-sent} records. */
class FanOutObservationTest {

    private static final String FAN_OUT_GROUP = "chat-service-a1b2c3d4";

    private final ObservationPredicate predicate = FanOutConfiguration.unobservedMessagesIn(FAN_OUT_GROUP);

    private static KafkaRecordReceiverContext received(String topic, String group) {
        return new KafkaRecordReceiverContext(new ConsumerRecord<>(topic, 0, 0L, "session-1", "{}"), "chat-fan-out",
                "client-1", group, () -> "cluster-1");
    }

    @Test
    void theFanOutsMessageSentRecordsAreNotObserved() {
        assertThat(predicate.test("spring.kafka.listener", received(Topics.MESSAGE_SENT, FAN_OUT_GROUP))).isFalse();
    }

    @Test
    void theFanOutsSessionEventsAreObserved() {
        assertThat(predicate.test("spring.kafka.listener", received(Topics.SESSION_ENDED, FAN_OUT_GROUP))).isTrue();
    }

    @Test
    void anotherGroupsMessageSentRecordsAreObserved() {
        assertThat(predicate.test("spring.kafka.listener", received(Topics.MESSAGE_SENT, "chat-service-read-model")))
                .isTrue();
    }
}
