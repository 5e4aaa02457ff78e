package com.astro.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaRestartTest {

    @Test
    void aRestartedBrokerKeepsItsAddressAndItsRecordsAndTakesWhatWasSentWhileItWasDown() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, 1)) {
            String address = kafka.bootstrapServers();
            String topic = "restart-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);

                kafka.stopBroker();
                // whether the producer's next attempt lands while the broker shuts down or after the restart is a race;
                // either way the record must be there once the broker is back (a CI run saw it completed within 1 s).
                // send() itself blocks while the producer has lost the topic's metadata: so from another thread
                CompletableFuture<Future<RecordMetadata>> sentWhileDown = CompletableFuture.supplyAsync(
                        () -> producer.send(new ProducerRecord<>(topic, "k", "while down")));
                kafka.startBroker();

                sentWhileDown.get(90, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
            }

            assertThat(kafka.bootstrapServers()).isEqualTo(address);
            assertThat(values(address, topic)).containsExactly("before", "while down");
        }
    }

    private static List<String> values(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
