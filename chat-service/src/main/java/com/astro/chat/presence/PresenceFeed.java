package com.astro.chat.presence;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import com.astro.common.event.PresenceChanged;
import com.astro.common.event.Topics;
import com.astro.common.kafka.EventReader;

/**
 * Reads the compacted {@code presence-changed} topic from its beginning into the {@link OnlineList} on every
 * start, then follows it. It uses no consumer group at all (all partitions assigned, nothing committed): the
 * list lives in memory, so every start, whatever the instance id, must rebuild it from the whole topic.
 * {@link #caughtUp()} turns true once everything that existed at start has been read, which gates readiness:
 * a fresh instance never serves a stale or empty list.
 */
@Component
public class PresenceFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceFeed.class);

    // no group, so no dead-letter path: a record the shared groups dead-letter is skipped here
    private static final EventReader<PresenceChanged> CHANGED = EventReader
            .of(PresenceChanged.class, PresenceChanged.SCHEMA_VERSION)
            .requiring(event -> event.astrologerId() != null, "a presence-changed without astrologer");

    private final ConsumerFactory<String, String> consumers;

    private final OnlineList list;

    private final AtomicBoolean running = new AtomicBoolean();

    private volatile boolean caughtUp;

    private volatile Consumer<String, String> consumer;

    private Thread thread;

    @SuppressWarnings("unchecked")
    PresenceFeed(ConsumerFactory<?, ?> consumers, OnlineList list) {
        // Boot's factory is declared with wildcards; its records are strings (the default deserializers)
        this.consumers = (ConsumerFactory<String, String>) consumers;
        this.list = list;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "presence-feed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            Consumer<String, String> current = consumer;
            if (current != null) {
                current.wakeup();
            }
            try {
                thread.join(5_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void run() {
        while (running.get()) {
            Properties overrides = new Properties();
            overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (Consumer<String, String> kafka = consumers.createConsumer(null, "presence-feed", null, overrides)) {
                consumer = kafka;
                follow(kafka);
            }
            catch (WakeupException ex) {
                return;
            }
            catch (RuntimeException ex) {
                if (!running.get()) {
                    return;
                }
                log.warn("presence feed failed, restarting in 1s: {}", ex.toString());
                sleep();
            }
        }
    }

    private void follow(Consumer<String, String> kafka) {
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && running.get()) {
            partitions = kafka.partitionsFor(Topics.PRESENCE_CHANGED, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (partitions.isEmpty()) {
                sleep();
            }
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> targets = new HashMap<>(kafka.endOffsets(partitions));
        checkCaughtUp(kafka, targets);
        while (running.get()) {
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                PresenceChanged event = CHANGED.readOrSkip(record.value());
                if (event != null) {
                    list.apply(event);
                }
            }
            checkCaughtUp(kafka, targets);
        }
    }

    private void checkCaughtUp(Consumer<String, String> kafka, Map<TopicPartition, Long> targets) {
        if (caughtUp) {
            return;
        }
        targets.entrySet().removeIf(target -> kafka.position(target.getKey()) >= target.getValue());
        if (targets.isEmpty()) {
            caughtUp = true;
            log.info("presence list rebuilt: {} astrologers online", list.current().size());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
