package com.astro.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.astro.infra.NodeScript;
import com.astro.socketio.server.Socket;

/**
 * What an idle socket holds (issue 23): most sockets of a marketplace sit idle for hours, so nothing a socket has not
 * used yet may exist for it. Measured on this JVM's live heap (the class histogram collects garbage first) before
 * and after {@value #SOCKETS} official clients connect and do nothing; the clients run in a Node process, so the
 * heap holds the server's side only.
 */
class IdleSocketTest {

    private static final int SOCKETS = 400;

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private static TestServer server;

    private static Process clients;

    private static Map<String, Double> perSocket;

    @BeforeAll
    static void openIdleSockets() throws Exception {
        server = new TestServer();
        Map<String, long[]> before = histogram();
        ProcessBuilder builder = new ProcessBuilder("node",
                NodeScript.repositoryRoot().resolve("socketio/src/test/js/idle-sockets.js").toString());
        builder.environment().put("NODE_PATH", NodeScript.nodeModules().toString());
        builder.environment().put("URL", server.url());
        builder.environment().put("COUNT", String.valueOf(SOCKETS));
        builder.redirectErrorStream(true);
        clients = builder.start();
        String line = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(line).isEqualTo("connected " + SOCKETS);
        assertThat(server.socketIo.sockets().socketCount()).isEqualTo(SOCKETS);
        Map<String, long[]> after = histogram();
        perSocket = new HashMap<>();
        after.forEach((type, counts) -> perSocket.put(type,
                (counts[0] - before.getOrDefault(type, new long[2])[0]) / (double) SOCKETS));
    }

    @AfterAll
    static void closeThem() throws Exception {
        clients.getOutputStream().close();
        clients.waitFor(30, TimeUnit.SECONDS);
        clients.destroyForcibly();
        server.close();
    }

    private static double instancesPerSocket(Class<?> type) {
        return perSocket.getOrDefault(type.getName(), 0.0);
    }

    @Test
    void anIdleSocketHasNoTableOfPendingAcksNorAPollingBuffer() {
        assertThat(instancesPerSocket(ArrayDeque.class)).as("polling buffers").isLessThan(0.1);
        assertThat(instancesPerSocket(CopyOnWriteArrayList.class)).as("listener lists")
                .isLessThan(0.1);
    }

    @Test
    void anIdleSocketHasOneConcurrentMapOfItsOwn() {
        // its attributes, and WebFlux's attributes of the upgrade request (held as long as the WebSocket); handlers,
        // rooms, namespaces and pending acks are immutable snapshots or made on first use
        assertThat(instancesPerSocket(ConcurrentHashMap.class)).isLessThan(2.5);
    }

    @Test
    void aRoomOfOneMemberHoldsTheSocketItselfNotASet() {
        assertThat(instancesPerSocket(ConcurrentHashMap.KeySetView.class)).isLessThan(0.1);
    }

    @Test
    void anIdleSocketKeepsNeitherItsHandshakeHeadersNorItsToken() {
        for (Socket socket : server.socketIo.sockets().sockets()) {
            assertThat(socket.handshake().headers().isEmpty()).isTrue();
            assertThat(socket.handshake().auth()).doesNotContainKey("token");
        }
    }

    /** Class name → {instances, bytes} of live objects. */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] { new String[0] }, new String[] { String[].class.getName() });
        Map<String, long[]> rows = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(3), new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) });
            }
        }
        return rows;
    }
}
