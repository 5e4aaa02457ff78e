package com.astro.chat.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import com.astro.common.event.EventJson;
import com.astro.common.event.MessageSent;
import com.astro.common.event.Topics;

/**
 * Which of some messages are on {@code message-sent} already. A publish attempt the producer reported failed may
 * still have been written (the broker appended the batch, then went away before answering); publishing such a
 * message again would put it on the topic twice. So before a republication the partition each message's key maps to
 * is read from a little before the message was stored to its end. Blocking; run off the event loops.
 */
@Component
class PublishedMessages {

    /** Records carry the producer's clock, possibly another instance's: read from this much earlier. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConsumerFactory<String, String> consumers;

    @SuppressWarnings("unchecked")
    PublishedMessages(ConsumerFactory<?, ?> consumers) {
        this.consumers = (ConsumerFactory<String, String>) consumers;
    }

    /** The ids of those {@code messages} that are on the topic; fails when the broker cannot be read to the end. */
    Set<String> among(Collection<ChatMessage> messages) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, String> kafka = consumers.createConsumer(null, "outbox-check", null, overrides)) {
            List<PartitionInfo> partitions = kafka.partitionsFor(Topics.MESSAGE_SENT, TIMEOUT);
            Map<TopicPartition, List<ChatMessage>> byPartition = messages.stream().collect(Collectors.groupingBy(
                    message -> new TopicPartition(Topics.MESSAGE_SENT, partition(message, partitions.size()))));
            Set<String> found = new HashSet<>();
            for (Map.Entry<TopicPartition, List<ChatMessage>> entry : byPartition.entrySet()) {
                found.addAll(read(kafka, entry.getKey(), entry.getValue()));
            }
            return found;
        }
    }

    private static Set<String> read(Consumer<String, String> kafka, TopicPartition partition,
            List<ChatMessage> messages) {
        Set<String> wanted = messages.stream().map(ChatMessage::id).collect(Collectors.toSet());
        Instant oldest = messages.stream().map(ChatMessage::sentAt).min(Instant::compareTo).orElseThrow();
        Map<TopicPartition, Long> since = new HashMap<>();
        since.put(partition, oldest.minus(CLOCK_SKEW).toEpochMilli());
        OffsetAndTimestamp from = kafka.offsetsForTimes(since, TIMEOUT).get(partition);
        if (from == null) {
            return Set.of(); // nothing written there since
        }
        long end = kafka.endOffsets(List.of(partition), TIMEOUT).get(partition);
        kafka.assign(List.of(partition));
        kafka.seek(partition, from.offset());
        Set<String> found = new HashSet<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (kafka.position(partition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partition + " to offset " + end);
            }
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    String id = EventJson.read(record.value(), MessageSent.class).messageId();
                    if (wanted.contains(id)) {
                        found.add(id);
                    }
                }
            }
        }
        return found;
    }

    /** The producer's partition for a keyed record (murmur2 of the key), as the default partitioner picks it. */
    private static int partition(ChatMessage message, int partitions) {
        byte[] key = MessagePublisher.event(message).key().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }
}
