package com.astro.stack;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack.jar [--chat=2] [--session=2] [--presence=N] [--token=N] [--ready-timeout=SECONDS]}:
 * starts the stack on the dev ports and keeps it up until Ctrl-C (or SIGTERM), which stops everything.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.Builder builder = LocalStack.builder();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                usage("unknown argument " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            int count;
            try {
                count = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
                if (name.equals("ready-timeout")) {
                    builder.readyTimeout(Duration.ofSeconds(count));
                    continue;
                }
                builder.instances(App.byModule(name.endsWith("gateway") ? name : name + "-service"), count);
            }
            catch (IllegalArgumentException ex) {
                usage(ex.getMessage());
            }
        }
        LocalStack stack;
        try {
            stack = builder.build().start();
        }
        catch (IllegalStateException ex) {
            System.err.println();
            System.err.println("The local stack did not start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(banner(stack));
        // the shutdown hook registered by start() stops everything on Ctrl-C; until then, wait
        new CountDownLatch(1).await();
    }

    static String banner(LocalStack stack) {
        String gateway = stack.gatewayUrl();
        StringBuilder text = new StringBuilder();
        text.append("\n=== astro-live local stack is ready ===\n");
        text.append("Gateway:  ").append(gateway).append('\n');
        text.append("Console:  ").append(gateway).append("/  (open it in two windows: an astrologer and a user)\n");
        for (ChildApp child : stack.instances()) {
            text.append(String.format("  %-18s %s  (log: %s)%n", child.name(), child.url(), stack.root().relativize(child.log())));
        }
        text.append("Kafka:    ").append(stack.kafkaFixedBootstrapServers())
                .append(" (broker at ").append(stack.kafkaBootstrapServers()).append(")\n");
        text.append("Mongo:    ").append(stack.mongoUri()).append('\n');
        text.append("Issuer:   ").append(stack.issuer().issuer()).append('\n');
        text.append("\nMint a token and call the API:\n");
        text.append("  TOKEN=$(curl -s -X POST ").append(gateway)
                .append("/dev/tokens -H 'Content-Type: application/json' -d '{\"sub\":\"user_1\",\"role\":\"user\"}' | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        text.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(gateway).append("/api/v1/astrologers/online\n");
        text.append("\nPress Ctrl-C to stop everything.\n");
        return text.toString();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: scripts/dev-stack [--chat=N] [--session=N] [--presence=N] [--token=N] [--ready-timeout=SECONDS]");
        System.exit(2);
    }
}
