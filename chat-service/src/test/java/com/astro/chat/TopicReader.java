package com.astro.chat;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.astro.infra.TestInfra;
import com.astro.infra.TopicRecords;

/** Reads a whole topic from the embedded broker, the way an outside consumer (presence-service, analytics) would. */
final class TopicReader {

    private TopicReader() {
    }

    static List<String> values(String topic) {
        return TopicRecords.values(TestInfra.shared().kafka().bootstrapServers(), topic);
    }

    /** Every record of the topic, headers included. */
    static List<ConsumerRecord<String, String>> records(String topic) {
        return TopicRecords.records(TestInfra.shared().kafka().bootstrapServers(), topic);
    }
}
