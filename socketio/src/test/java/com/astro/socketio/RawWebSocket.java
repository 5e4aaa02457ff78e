package com.astro.socketio;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare WebSocket client (JDK) for speaking Engine.IO/Socket.IO frames by hand. Answers pings by itself unless
 * told not to; can stop reading altogether to play a slow consumer.
 */
final class RawWebSocket implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean reading;
    private final boolean answerPings;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    WebSocket socket;
    String socketId;

    private RawWebSocket(boolean reading, boolean answerPings) {
        this.reading = reading;
        this.answerPings = answerPings;
    }

    static RawWebSocket open(String url) {
        return open(url, true, true);
    }

    static RawWebSocket open(String url, boolean reading, boolean answerPings) {
        RawWebSocket listener = new RawWebSocket(reading, answerPings);
        listener.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), listener).join();
        return listener;
    }

    static RawWebSocket withBuilder(WebSocket.Builder builder, String url) {
        RawWebSocket listener = new RawWebSocket(true, true);
        listener.socket = builder.buildAsync(URI.create(url), listener).join();
        return listener;
    }

    /** Opens an Engine.IO WebSocket session at a Socket.IO server and connects to "/" with this auth. */
    static RawWebSocket socketIo(String baseUrl, String authJson) {
        RawWebSocket ws = open(baseUrl.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        assertThat(ws.nextText()).startsWith("0{\"sid\"");
        ws.send("40" + authJson);
        String connect = ws.nextText();
        assertThat(connect).startsWith("40{\"sid\":\"");
        ws.socketId = connect.substring(10, connect.length() - 2);
        return ws;
    }

    /** A fresh client completes a connect and an acknowledged echo: the server still serves others. */
    static void serverStillServes(String baseUrl) {
        RawWebSocket ws = socketIo(baseUrl, "{\"token\":\"secret\"}");
        ws.send("427[\"echo-ack\",\"still here\"]");
        assertThat(ws.nextText()).isEqualTo("437[\"still here\"]");
        ws.socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            if (answerPings && message.equals("2")) {
                webSocket.sendText("3", true);
            }
            else {
                received.add(message);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    String nextText() {
        try {
            Object next = received.poll(5, TimeUnit.SECONDS);
            assertThat(next).as("a message within 5 s").isInstanceOf(String.class);
            return (String) next;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The server closes the connection (close frame or abort) within the timeout. */
    int awaitClosed(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
