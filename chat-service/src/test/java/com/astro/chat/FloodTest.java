package com.astro.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.common.event.EventJson;
import com.astro.infra.NodeScript;

import tools.jackson.databind.JsonNode;

/**
 * One user floods {@code message:send} at ten times its budget (50/s against 50 per 10 s) on the instance where
 * another user chats at a steady 4 per second with an astrologer on a second instance
 * ({@code src/test/js/latency.js} with a flooder; 20 warm-up messages under the flood first): the flooder is refused with {@code rate_limited}, the other user's
 * messages all arrive, in order, and their send-to-receive p99 is printed (the figure to reach is 100 ms;
 * only a bound generous enough for a shared 2-core machine is asserted). The refusals budget is left unlimited so
 * the flood lasts the whole measurement (by default the flooder would be disconnected after 20 refusals).
 */
class FloodTest extends ChatTestSupport {

    private static final int BUDGET_PER_10S = 50;

    private static final int FLOOD_RATE = BUDGET_PER_10S;

    private static final int RATE = 4;

    private static final int COUNT = 60;

    /** Sent first under the flood and not measured: the instance's first messages measure its compiler. */
    private static final int WARMUP = 20;

    private static ChatCluster.Instance flooded;

    @BeforeAll
    static void startAnInstanceWithTheMessageBudget() {
        flooded = ChatCluster.start("flooded", ChatCluster.shared().presence().url(),
                "--astro.chat.rate-limits.message-send=" + BUDGET_PER_10S + "/10s");
    }

    @AfterAll
    static void stopIt() {
        flooded.close();
    }

    @Test
    void aFloodAtTenTimesTheBudgetIsRefusedWhileAnotherUsersChatFlows() throws Exception {
        Parties p = activeSession();

        NodeScript.Result result = NodeScript.run(
                NodeScript.repositoryRoot().resolve("chat-service/src/test/js/latency.js"),
                Map.of("URL_A", flooded.url(), "URL_B", cluster.b().url(), "USER_TOKEN", p.userToken(),
                        "ASTRO_TOKEN", p.astrologerToken(), "SESSION_ID", p.sessionId(), "RATE", String.valueOf(RATE),
                        "COUNT", String.valueOf(COUNT), "WARMUP", String.valueOf(WARMUP),
                        "FLOOD_TOKEN", token(newId("flooder"), "user"), "FLOOD_RATE", String.valueOf(FLOOD_RATE)),
                Duration.ofSeconds(120));

        assertThat(result.succeeded()).as(result.stderr()).isTrue();
        JsonNode figures = EventJson.mapper().readTree(result.stdout().lines().reduce((a, b) -> b).orElseThrow());
        System.out.println("chat under a 10x flood: " + figures);
        assertThat(figures.path("received").asInt()).isEqualTo(COUNT);
        assertThat(figures.path("inOrder").asBoolean()).isTrue();
        assertThat(storedCount(p.sessionId())).isEqualTo(WARMUP + COUNT);
        JsonNode flood = figures.path("flood");
        int sent = flood.path("sent").asInt();
        int limited = flood.path("codes").path("rate_limited").asInt();
        // the budget admits 50 at once and 5 a second after; everything else of a 50-a-second flood is refused
        assertThat(sent).isGreaterThan(500);
        assertThat(limited).isGreaterThanOrEqualTo(sent - BUDGET_PER_10S - sent / FLOOD_RATE * 5 - 10);
        assertThat(flood.path("codes").path("ok").asInt()).isZero();
        assertThat(figures.path("p99").asDouble()).isLessThan(2000);
    }
}
