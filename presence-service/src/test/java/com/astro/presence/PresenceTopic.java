package com.astro.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.astro.common.event.EventJson;
import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Topics;
import com.astro.infra.TestInfra;

/** Reads {@code presence-changed} from the beginning with a fresh plain consumer, as any analytics consumer would. */
public final class PresenceTopic {

    private PresenceTopic() {
    }

    private static KafkaConsumer<String, String> consumer;

    private static List<TopicPartition> partitions;

    /**
     * Every record now on the topic, in partition order (one astrologer's records keep their order). The
     * consumer has no group and is rewound to the beginning each time, as a fresh consumer would be.
     */
    public static synchronized List<ConsumerRecord<String, PresenceChanged>> readAll() {
        if (consumer == null) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.shared().kafka().bootstrapServers());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "presence-test-" + UUID.randomUUID());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumer = new KafkaConsumer<>(config);
            partitions = consumer.partitionsFor(Topics.PRESENCE_CHANGED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
        }
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, PresenceChanged>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read presence-changed to its end");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                            EventJson.read(record.value(), PresenceChanged.class)));
                }
            }
        }
        return records;
    }

    /** One astrologer's events, in the order they were appended. */
    public static List<PresenceChanged> eventsFor(String astrologerId) {
        return readAll().stream()
                .filter(record -> astrologerId.equals(record.key()))
                .map(ConsumerRecord::value)
                .toList();
    }
}
