package com.astro.chat;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;

import com.astro.common.event.EventJson;
import com.astro.infra.NodeScript;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real {@code socket.io-client} sockets under Node, driven line by line from the test
 * ({@code src/test/js/client-driver.js}): connect, emit with or without acknowledgement, and everything each
 * socket receives recorded for assertions.
 */
public final class SocketClients implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final Process process;

    private final Writer stdin;

    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();

    private final StringBuilder stderr = new StringBuilder();

    private final AtomicInteger acks = new AtomicInteger();

    public SocketClients() {
        Path script = NodeScript.repositoryRoot().resolve("chat-service/src/test/js/client-driver.js");
        try {
            ProcessBuilder builder = new ProcessBuilder("node", script.toString());
            builder.environment().put("NODE_PATH", NodeScript.nodeModules().toString());
            process = builder.start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("could not start node", ex);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(() -> read(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), "node-clients-out");
        Thread err = new Thread(() -> read(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), "node-clients-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        await().atMost(WAIT).until(() -> reports.stream().anyMatch(r -> "ready".equals(text(r, "type"))));
    }

    private void read(BufferedReader reader, boolean json) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (json) {
                    reports.add(EventJson.mapper().readTree(line));
                }
                else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // the process ended
        }
    }

    private synchronized void send(Map<String, Object> command) {
        try {
            stdin.write(EventJson.mapper().writeValueAsString(command));
            stdin.write('\n');
            stdin.flush();
        }
        catch (IOException ex) {
            throw new IllegalStateException("node driver is gone; stderr: " + stderr, ex);
        }
    }

    /** Connects with the token in {@code auth.token} over WebSocket and waits until connected. */
    public String connect(String client, String url, String token) {
        return connect(client, url, token, List.of("websocket"), false);
    }

    /** Connects over WebSocket with more fields in {@code auth} next to the token; waits until connected. */
    public String connect(String client, String url, String token, Map<String, Object> auth) {
        return connect(client, url, token, List.of("websocket"), false, auth);
    }

    /** Connects and waits until connected; fails on a connect error. Returns the socket id. */
    public String connect(String client, String url, String token, List<String> transports, boolean header) {
        return connect(client, url, token, transports, header, Map.of());
    }

    private String connect(String client, String url, String token, List<String> transports, boolean header,
            Map<String, Object> auth) {
        JsonNode outcome = tryConnect(client, url, token, transports, header, auth);
        if (!"connect".equals(text(outcome, "type"))) {
            throw new AssertionError(client + " could not connect: " + outcome);
        }
        return text(outcome, "id");
    }

    /** Connects and returns the first outcome: a {@code connect} or a {@code connect_error} report. */
    public JsonNode tryConnect(String client, String url, String token, List<String> transports, boolean header) {
        return tryConnect(client, url, token, transports, header, Map.of());
    }

    private JsonNode tryConnect(String client, String url, String token, List<String> transports, boolean header,
            Map<String, Object> auth) {
        HashMap<String, Object> command = new HashMap<>();
        command.put("auth", auth);
        command.put("op", "connect");
        command.put("client", client);
        command.put("url", url);
        command.put("token", token);
        command.put("transports", transports);
        command.put("header", header);
        send(command);
        return awaitReport(() -> reports.stream().filter(r -> client.equals(text(r, "client"))
                && ("connect".equals(text(r, "type")) || "connect_error".equals(text(r, "type")))).findFirst());
    }

    public void emit(String client, String event, Object... args) {
        send(Map.of("op", "emit", "client", client, "event", event, "args", List.of(args)));
    }

    /** Emits with an acknowledgement and returns the acknowledgement's first argument. */
    public JsonNode call(String client, String event, Object... args) {
        return awaitAck(request(client, event, args));
    }

    /** Emits asking for an acknowledgement without waiting for it; {@link #awaitAck} reads it by the returned id. */
    public String request(String client, String event, Object... args) {
        String ack = "ack-" + acks.incrementAndGet();
        send(Map.of("op", "emit", "client", client, "event", event, "args", List.of(args), "ack", ack));
        return ack;
    }

    /** The acknowledgements of many {@link #request}s, by request id, once all have come. */
    public Map<String, JsonNode> awaitAcks(Collection<String> acks) {
        await().atMost(WAIT).until(() -> reports.stream().filter(r -> "ack".equals(text(r, "type"))
                && acks.contains(text(r, "ack"))).count() == acks.size());
        Map<String, JsonNode> answers = new HashMap<>();
        reports.stream().filter(r -> "ack".equals(text(r, "type")) && acks.contains(text(r, "ack")))
                .forEach(r -> answers.put(text(r, "ack"), r.path("args").path(0)));
        return answers;
    }

    public JsonNode awaitAck(String ack) {
        JsonNode report = awaitReport(() -> reports.stream()
                .filter(r -> "ack".equals(text(r, "type")) && ack.equals(text(r, "ack"))).findFirst());
        return report.path("args").path(0);
    }

    public void disconnect(String client) {
        send(Map.of("op", "disconnect", "client", client));
        awaitReport(() -> reports.stream()
                .filter(r -> client.equals(text(r, "client")) && "disconnect".equals(text(r, "type"))).findFirst());
    }

    /** The first argument of every {@code event} the client received so far, in arrival order. */
    public List<JsonNode> received(String client, String event) {
        return reports.stream()
                .filter(r -> client.equals(text(r, "client")) && "event".equals(text(r, "type"))
                        && event.equals(text(r, "event")))
                .map(r -> r.path("args").path(0))
                .toList();
    }

    /** Waits until the client has received at least {@code count} of the event; returns them all. */
    public List<JsonNode> awaitReceived(String client, String event, int count) {
        await().atMost(WAIT).until(() -> received(client, event).size() >= count);
        return received(client, event);
    }

    public List<JsonNode> reports(String client) {
        return reports.stream().filter(r -> client.equals(text(r, "client"))).toList();
    }

    private JsonNode awaitReport(Supplier<Optional<JsonNode>> find) {
        try {
            return await().atMost(WAIT).until(find::get, Optional::isPresent).orElseThrow();
        }
        catch (ConditionTimeoutException ex) {
            throw new AssertionError("no answer from the node clients; reports: " + reports + "; stderr: " + stderr,
                    ex);
        }
    }

    public static ObjectNode json(Object... keyValues) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], EventJson.mapper().valueToTree(keyValues[i + 1]));
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    @Override
    public void close() {
        try {
            send(Map.of("op", "exit"));
        }
        catch (RuntimeException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
