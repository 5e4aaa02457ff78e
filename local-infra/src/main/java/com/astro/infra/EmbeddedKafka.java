package com.astro.infra;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real Apache Kafka broker in KRaft mode (no ZooKeeper), in this JVM, reached over TCP like
 * any production broker. Port 0 picks a free port.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static EmbeddedKafka start(int port, int partitionsPerTopic) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitionsPerTopic);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(partitionsPerTopic),
                "offsets.topic.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "log.cleaner.enable", "true",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        return new EmbeddedKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
