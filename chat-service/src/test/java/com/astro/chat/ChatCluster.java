package com.astro.chat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import com.astro.common.kafka.EventPublisher;
import com.astro.infra.TestInfra;

/**
 * Two chat-service instances ("a" and "b") in this JVM, each a full application on its own port, sharing the
 * embedded Kafka broker and one Mongo database like production instances do. Started once per test JVM; tests
 * keep apart by using fresh user and session ids.
 */
public final class ChatCluster implements AutoCloseable {

    public static final String DATABASE = "chat-it";

    private static volatile ChatCluster shared;

    private final PresenceStandIn presence;

    private final Instance a;

    private final Instance b;

    /** One running chat-service. */
    public record Instance(String id, int port, ConfigurableApplicationContext context) {

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        public void close() {
            context.close();
        }
    }

    private ChatCluster() {
        presence = PresenceStandIn.start();
        a = start("a", presence.url());
        b = start("b", presence.url());
    }

    public static ChatCluster shared() {
        if (shared == null) {
            synchronized (ChatCluster.class) {
                if (shared == null) {
                    shared = new ChatCluster();
                }
            }
        }
        return shared;
    }

    /** Called once by JUnit at the end of the run (see {@link ClusterExtension}). */
    @Override
    public void close() {
        b.close();
        a.close();
        presence.close();
    }

    public Instance a() {
        return a;
    }

    public Instance b() {
        return b;
    }

    public PresenceStandIn presence() {
        return presence;
    }

    public EventPublisher events() {
        return a.bean(EventPublisher.class);
    }

    /** Starts one more instance (its caller closes it), ready to serve when this returns. */
    public static Instance start(String id, String presenceUrl, String... extraArgs) {
        TestInfra infra = TestInfra.shared();
        int port = freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--astro.chat.instance-id=" + id,
                "--astro.chat.presence-url=" + presenceUrl,
                "--astro.chat.heartbeat-interval=1s",
                // tests sweep the outbox themselves (Outboxes.sweep), so a sweep never races a test's own steps
                "--astro.chat.outbox.sweep-interval=1h",
                // typing indicators expire sooner than in production, so the tests of their expiry wait less
                "--astro.chat.typing.timeout=2s",
                // the JVM's exit closes the instances; nothing to drain in tests
                "--server.shutdown=immediate",
                "--spring.lifecycle.timeout-per-shutdown-phase=2s",
                "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                "--spring.mongodb.uri=" + infra.mongo().connectionString(),
                "--spring.mongodb.database=" + DATABASE,
                "--astro.security.jwks-url=" + infra.issuer().jwksUrl(),
                "--astro.security.issuer=" + infra.issuer().issuer(),
                "--astro.security.authorized-parties=" + TestInfra.TEST_ORIGIN));
        // tests drive sockets far faster than a person; SocketRateLimitsTest starts instances with small budgets
        for (String budget : List.of("message-send", "session-request", "presence", "join-session", "message-read",
                "refusals")) {
            String key = "--astro.chat.rate-limits." + budget + "=";
            if (Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith(key))) {
                args.add(key + "1000000/1s");
            }
        }
        if (Arrays.stream(extraArgs).noneMatch(arg -> arg.startsWith("--astro.chat.max-connections-per-address="))) {
            // every test client connects from this machine's address
            args.add("--astro.chat.max-connections-per-address=100000");
        }
        // an extra argument replaces the default of the same name (Spring would join both values with a comma)
        List<String> replaced = Arrays.stream(extraArgs).map(arg -> arg.substring(0, arg.indexOf('=') + 1)).toList();
        args.removeIf(arg -> replaced.contains(arg.substring(0, arg.indexOf('=') + 1)));
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatApplication.class, OwnNettyResources.class)
                .run(args.toArray(String[]::new));
        // the readiness probe's own indicator: up once the fan-out holds its partitions and the online list is rebuilt
        HealthIndicator feeds = context.getBean("chatFeeds", HealthIndicator.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> Status.UP.equals(feeds.health().getStatus()));
        return new Instance(id, port, context);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
