package com.astro.bench.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.infra.EmbeddedMongo;
import com.astro.infra.NodeScript;

/**
 * A tiny run of the storage benchmark against the embedded Mongo server: keeps the tool (and its use of
 * chat-service's own MessageStore) from rotting. Sizes are minimal; the figures themselves are not asserted.
 */
class StorageBenchmarkSmokeTest {

    private static EmbeddedMongo mongo;

    @BeforeAll
    static void startMongo() {
        mongo = EmbeddedMongo.start(0);
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPathStoresEveryScheduledMessageAndTheReportHasLatenciesAndRatios() throws Exception {
        StorageBenchmark.Settings settings = StorageBenchmark.Settings.parse("--mongo-uri", mongo.connectionString(),
                "--rate", "100", "--seconds", "1", "--rounds", "2", "--sessions", "10", "--warmup-seconds", "0.2",
                "--preload", "500");

        Map<String, Object> report = StorageBenchmark.run(settings);

        Map<String, Object> paths = (Map<String, Object>) report.get("paths");
        assertThat(paths).containsOnlyKeys("service-store", "driver-same-queries", "driver-seq-hint", "driver-insert");
        paths.forEach((name, value) -> {
            Map<String, Object> path = (Map<String, Object>) value;
            assertThat(path.get("errors")).as(name + " errors: " + path.get("firstError")).isEqualTo(0L);
            assertThat(path.get("sent")).as(name).isEqualTo(100L);
            assertThat(path.get("completed")).as(name).isEqualTo(100L);
            Map<String, Object> latency = (Map<String, Object>) path.get("latency");
            assertThat((Double) latency.get("p99")).as(name).isPositive();
            assertThat((Double) latency.get("max")).as(name).isGreaterThanOrEqualTo((Double) latency.get("p50"));
        });
        assertThat((Map<String, Object>) report.get("ratios")).containsKey("service-store / driver-insert p50");
        assertThat((List<String>) report.get("overloaded")).isEmpty();
    }

    @Test
    void unknownOptionsAreRefused() {
        Assertions.assertThatThrownBy(() -> StorageBenchmark.Settings.parse("--rte", "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rte");
    }
}
