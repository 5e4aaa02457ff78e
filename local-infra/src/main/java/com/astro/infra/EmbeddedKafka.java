package com.astro.infra;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import kafka.server.BrokerServer;

/**
 * The real Apache Kafka broker in KRaft mode (no ZooKeeper), in this JVM, reached over TCP like
 * any production broker. The broker picks its own port (the KRaft test kit pre-binds it); a fixed
 * {@code port} such as 9092 is offered as a bootstrap address in front of it. Port 0: no fixed address.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private final TcpForwarder fixedAddress;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker, TcpForwarder fixedAddress) {
        this.broker = broker;
        this.fixedAddress = fixedAddress;
    }

    public static EmbeddedKafka start(int port, int partitionsPerTopic) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitionsPerTopic);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(partitionsPerTopic),
                "offsets.topic.num.partitions", "4",
                "group.initial.rebalance.delay.ms", "0",
                "log.cleaner.enable", "true",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        if (port <= 0) {
            return new EmbeddedKafka(broker, null);
        }
        try {
            int brokerPort = Integer.parseInt(broker.getBrokersAsString().replaceAll(".*:", ""));
            return new EmbeddedKafka(broker, TcpForwarder.start(port, brokerPort));
        }
        catch (RuntimeException ex) {
            broker.destroy();
            throw ex;
        }
    }

    /** The broker's own address, which every client ends up talking to. */
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** The fixed bootstrap address (e.g. {@code localhost:9092}), or the broker's own when none was asked for. */
    public String fixedBootstrapServers() {
        return fixedAddress == null ? bootstrapServers() : "localhost:" + fixedAddress.port();
    }

    /**
     * Stops the broker the way a crashed or restarting broker goes away: clients lose their connections and
     * cannot reconnect. Its log directory and port are kept (the KRaft controller keeps running), so
     * {@link #startBroker()} brings back the same broker with every record it had. For fault tests.
     */
    public void stopBroker() {
        broker.getCluster().brokers().values().forEach(BrokerServer::shutdown);
    }

    /** Starts the broker stopped by {@link #stopBroker()} again, on the same port with the same log. */
    public void startBroker() {
        broker.getCluster().brokers().values().forEach(BrokerServer::startup);
        try {
            broker.getCluster().waitForReadyBrokers();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("the restarted broker did not become ready", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        if (fixedAddress != null) {
            fixedAddress.close();
        }
        broker.destroy();
    }
}
