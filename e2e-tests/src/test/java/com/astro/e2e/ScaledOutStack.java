package com.astro.e2e;

import java.time.Duration;
import java.util.Map;

import com.astro.stack.App;
import com.astro.stack.LocalStack;

/** The scaled-out stack the end-to-end suites drive: gateway, presence, token, two session and two chat instances. */
final class ScaledOutStack {

    private ScaledOutStack() {
    }

    /**
     * Starts it with the gateway on {@code gatewayPort} and the services on the next four ports (second instances ten
     * above theirs): fixed ports away from a dev stack on the same machine, one range per suite.
     */
    static LocalStack start(int gatewayPort, Map<String, String> env) {
        LocalStack.Builder builder = LocalStack.builder()
                .jvmFlags(LocalStack.QUICK_START_JVM_FLAGS)
                .infraPorts(0, 0, 0)
                .basePort(App.GATEWAY, gatewayPort)
                .basePort(App.PRESENCE, gatewayPort + 1)
                .basePort(App.SESSION, gatewayPort + 2)
                .basePort(App.CHAT, gatewayPort + 3)
                .basePort(App.TOKEN, gatewayPort + 4)
                .instances(App.SESSION, 2)
                .instances(App.CHAT, 2)
                // two shared cores may be busy with other builds
                .readyTimeout(Duration.ofMinutes(6));
        env.forEach(builder::env);
        return builder.build().start();
    }
}
