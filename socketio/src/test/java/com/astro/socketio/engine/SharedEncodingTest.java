package com.astro.socketio.engine;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.WebSocketMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A packet broadcast to many connections is UTF-8 encoded once: every WebSocket frame and every polling response
 * body that carries it is a view on the same bytes, not a copy made per socket.
 */
class SharedEncodingTest {

    // the server's own buffer factory (Reactor Netty)
    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);

    private final EngineServer engine = new EngineServer(new EngineOptions(Duration.ofSeconds(30), Duration.ofSeconds(30),
            100_000, List.of(), "i1", 64), session -> { });

    private final EnginePacket broadcast = EnginePacket.message("2[\"news\",\"Mercury in Virgo \u2640\"]");

    @AfterEach
    void closeSessions() {
        engine.closeAll();
    }

    @Test
    void everyPollingResponseCarryingABroadcastWrapsItsOneEncoding() {
        List<EngineSession> sessions = openPolling(3);
        sessions.forEach(session -> session.send(broadcast));

        List<byte[]> bodies = new ArrayList<>();
        for (EngineSession session : sessions) {
            DataBuffer body = PollingPayload.encode(session.poll().block(), BUFFERS);
            assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("42[\"news\",\"Mercury in Virgo \u2640\"]");
            bodies.add(backingArray(body));
        }

        assertThat(bodies).allSatisfy(bytes -> assertThat(bytes).isSameAs(broadcast.textFrame()));
    }

    @Test
    void everyWebSocketFrameCarryingABroadcastWrapsItsOneEncoding() {
        List<WebSocketTransport> transports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebSocketTransport transport = new WebSocketTransport(64, () -> { });
            engine.open(handshake(), transport);
            transports.add(transport);
        }
        for (EngineSession session : engine.sessions()) {
            session.send(broadcast);
        }

        for (WebSocketTransport transport : transports) {
            // the first queued packet is the OPEN of the session, the second the broadcast
            EnginePacket sent = transport.packets().skip(1).blockFirst();
            WebSocketMessage frame = EngineWebSocketHandler.toMessage(BUFFERS, sent);
            assertThat(frame.getType()).isEqualTo(WebSocketMessage.Type.TEXT);
            assertThat(backingArray(frame.getPayload())).isSameAs(broadcast.textFrame());
        }
    }

    @Test
    void aPollingResponseOfSeveralPacketsJoinsTheirEncodingsWithTheRecordSeparator() {
        EngineSession session = openPolling(1).get(0);
        session.sendAll(List.of(broadcast, EnginePacket.binaryMessage(new byte[] {1, 2, 3}), EnginePacket.of(EnginePacket.PING)));

        DataBuffer body = PollingPayload.encode(session.poll().block(), BUFFERS);

        assertThat(body.toString(StandardCharsets.UTF_8))
                .isEqualTo("42[\"news\",\"Mercury in Virgo \u2640\"]\u001ebAQID\u001e2");
    }

    private List<EngineSession> openPolling(int count) {
        List<EngineSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EngineSession session = engine.open(handshake(), null);
            assertThat(session.poll().block()).extracting(EnginePacket::type).containsExactly(EnginePacket.OPEN);
            sessions.add(session);
        }
        return sessions;
    }

    private static HandshakeRequest handshake() {
        return new HandshakeRequest(URI.create("http://localhost/socket.io/?EIO=4&transport=polling"), new HttpHeaders(),
                Map.of("EIO", "4", "transport", "polling"), null);
    }

    /** The array a response body or frame reads from (Netty wraps an array without copying it). */
    private static byte[] backingArray(DataBuffer buffer) {
        ByteBuf bytes = ((NettyDataBuffer) buffer).getNativeBuffer();
        assertThat(bytes.hasArray()).as("a view on one array").isTrue();
        assertThat(bytes.arrayOffset()).isZero();
        assertThat(bytes.readableBytes()).isEqualTo(bytes.array().length);
        return bytes.array();
    }
}
