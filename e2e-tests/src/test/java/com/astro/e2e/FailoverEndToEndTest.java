package com.astro.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.astro.common.event.EventJson;
import com.astro.stack.App;
import com.astro.stack.ChildApp;
import com.astro.stack.LocalStack;

/**
 * A second instance killed with SIGKILL under load through the gateway (issue 20): the gateway routes around
 * it, clients that reconnect, rejoin and resend as a careful frontend does lose nothing. Each test kills
 * a different service's second instance, so the order only keeps the runs apart. The load lives in
 * {@code src/test/js/failover.js}; its figures are printed into the test report.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverEndToEndTest {

    private static final Pattern RESULT = Pattern.compile("^RESULT (\\{.*})$", Pattern.MULTILINE);

    private static LocalStack stack;

    @BeforeAll
    static void startScaledOutStack() {
        // ports away from a dev stack and from the seed flow's stack
        stack = ScaledOutStack.start(18180, Map.of("CHAT_HEARTBEAT_INTERVAL", "1s"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void aChatInstanceKilledUnderLoadCostsNoMessageAndEverySocketIsBackWithinFiveSeconds() {
        Map<?, ?> result = run("chat", stack.instances(App.CHAT).get(1));

        withRunReported(result, () -> {
            assertThat(((Number) result.get("sent")).intValue()).isGreaterThan(300);
            assertThat(result.get("unacknowledged")).as("messages never acknowledged").isEqualTo(0);
            assertThat(result.get("acknowledged")).isEqualTo(result.get("sent"));
            assertThat(result.get("missing")).as("acknowledged messages a participant never received").isEqualTo(0);
            assertThat(result.get("gaps")).isEqualTo(0);
            assertThat(result.get("duplicates")).isEqualTo(0);
            assertThat(((Number) result.get("socketsDisconnected")).intValue()).as("sockets on the killed instance").isPositive();
            assertThat(result.get("socketsNotBack")).isEqualTo(0);
            assertThat(result.get("serverDisconnects")).as("sockets the server closed on purpose (flooding, expiry)")
                    .isEqualTo(0);
            // connected again: the socket is open on a live instance (rejoining and replaying what it missed follow)
            assertThat(((Number) result.get("connectedAgainMsMax")).intValue()).isLessThanOrEqualTo(5000);
        });
    }

    @Test
    @Order(2)
    void aSessionInstanceKilledUnderLoadCostsEachClientAtMostOneFailedCall() {
        Map<?, ?> result = run("session", stack.instances(App.SESSION).get(1));

        withRunReported(result, () -> {
            assertThat(((Number) result.get("calls")).intValue()).isGreaterThan(100);
            assertThat(result.get("failedBeforeKill")).isEqualTo(0);
            assertThat(((Number) result.get("mostFailedCallsOfOneClient")).intValue()).isLessThanOrEqualTo(1);
        });
    }

    /** A failed expectation names the whole run: which clients were left waiting, and what they were told. */
    private static void withRunReported(Map<?, ?> result, Runnable expectations) {
        try {
            expectations.run();
        }
        catch (AssertionError failure) {
            throw new AssertionError(failure.getMessage() + "\nthe run: " + result, failure);
        }
    }

    private static Map<?, ?> run(String mode, ChildApp victim) {
        String printed = Flows.runPassing(Path.of("src/test/js/failover.js"), Map.of("GATEWAY_URL", stack.gatewayUrl(),
                "MODE", mode, "KILL_PID", String.valueOf(victim.pid()), "RUN_ID", Flows.runId()), Duration.ofMinutes(3), "RESULT ");
        assertThat(victim.isAlive()).as("the killed instance").isFalse();
        Matcher line = RESULT.matcher(printed);
        assertThat(line.find()).as("the run reports its result").isTrue();
        return EventJson.mapper().readValue(line.group(1), Map.class);
    }
}
