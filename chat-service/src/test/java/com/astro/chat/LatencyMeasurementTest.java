package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.astro.common.event.EventJson;
import com.astro.infra.NodeScript;

import tools.jackson.databind.JsonNode;

/**
 * Measures send-to-receive latency between a user on instance A and an astrologer on instance B at a steady
 * rate ({@code src/test/js/latency.js}), with idle sockets connected alongside, and checks every message
 * arrived in order and was stored once. The figures are printed for the README; no timing is asserted
 * (performance is judged by the benchmarks, not by a test on a shared machine).
 */
class LatencyMeasurementTest extends ChatTestSupport {

    // defaults keep the module build short; -Dchat.latency.rate=50 -Dchat.latency.idle=500 etc. for bigger runs
    private static final int RATE = Integer.getInteger("chat.latency.rate", 20);

    private static final int COUNT = Integer.getInteger("chat.latency.count", 200);

    private static final int IDLE = Integer.getInteger("chat.latency.idle", 50);

    @Test
    void messagesCrossInstancesInOrderAtASteadyRate() throws Exception {
        Parties p = activeSession();
        Path idleTokens = Files.createTempFile("idle-tokens", ".txt");
        Files.writeString(idleTokens, IntStream.range(0, IDLE).mapToObj(i -> token(newId("idle"), "user"))
                .collect(Collectors.joining("\n")));

        NodeScript.Result result = NodeScript.run(
                NodeScript.repositoryRoot().resolve("chat-service/src/test/js/latency.js"),
                Map.of("URL_A", cluster.a().url(), "URL_B", cluster.b().url(), "USER_TOKEN", p.userToken(),
                        "ASTRO_TOKEN", p.astrologerToken(), "SESSION_ID", p.sessionId(), "RATE",
                        String.valueOf(RATE), "COUNT", String.valueOf(COUNT), "IDLE_TOKENS_FILE", idleTokens.toString()),
                Duration.ofSeconds(60 + COUNT / RATE + IDLE / 10));

        Files.deleteIfExists(idleTokens);
        assertThat(result.succeeded()).as(result.stderr()).isTrue();
        JsonNode figures = EventJson.mapper().readTree(result.stdout().lines().reduce((a, b) -> b).orElseThrow());
        System.out.println("chat latency across instances: " + figures);
        assertThat(figures.path("received").asInt()).isEqualTo(COUNT);
        assertThat(figures.path("inOrder").asBoolean()).isTrue();
        assertThat(figures.path("connections").asInt()).isEqualTo(IDLE + 2);
        assertThat(storedCount(p.sessionId())).isEqualTo(COUNT);
    }
}
