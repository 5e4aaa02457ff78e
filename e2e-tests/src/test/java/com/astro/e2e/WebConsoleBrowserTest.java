package com.astro.e2e;

import static com.astro.stack.FreePorts.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.infra.NodeScript;
import com.astro.stack.App;
import com.astro.stack.LocalStack;

/**
 * The web console in a real browser: Debian's Chromium, headless, driven by playwright-core
 * ({@code web-console/e2e/console-flow.mjs}) against a stack started here, only through its
 * gateway. An astrologer, a user, a user without coins and an admin, each in their own browser
 * context, run the seed's testing flow; screenshots of every step land in
 * {@code target/console-screenshots/}.
 */
class WebConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        // free ports: the stack may run next to a dev stack and the other end-to-end suite's ports
        stack = LocalStack.builder()
                .jvmFlags(LocalStack.QUICK_START_JVM_FLAGS)
                .infraPorts(0, 0, 0)
                .basePort(App.GATEWAY, freePort())
                .basePort(App.PRESENCE, freePort())
                .basePort(App.SESSION, freePort())
                .basePort(App.CHAT, freePort())
                .basePort(App.TOKEN, freePort())
                .partitions(1)
                // one stack for the whole browser test; two shared cores may be busy with other builds
                .readyTimeout(Duration.ofMinutes(5))
                .build()
                .start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aUserAndAnAstrologerRunTheSeedFlowInTheConsoleAndTheBalanceDropsByTheCharge() {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("Debian's chromium at %s (scripts/test-all installs it: apt-get install chromium)", CHROMIUM)
                .isTrue();
        Path webConsole = NodeScript.repositoryRoot().resolve("web-console");
        assertThat(webConsole.resolve("node_modules/playwright-core")).as("the web-console build ran npm ci").isDirectory();

        Flows.runPassing(webConsole.resolve("e2e/console-flow.mjs"), Map.of(
                "GATEWAY_URL", stack.gatewayUrl(),
                "CHROMIUM", CHROMIUM.toString(),
                "SCREENSHOT_DIR", Path.of("target/console-screenshots").toAbsolutePath().toString(),
                "RUN_ID", Flows.runId()), Duration.ofMinutes(5), "CONSOLE FLOW passed");
    }
}
