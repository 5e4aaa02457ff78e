package com.astro.socketio.engine;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The WebSocket transport: a new session opened directly over WebSocket, or the upgrade of a long-polling
 * session (probe {@code 2probe}/{@code 3probe}, then {@code 5}).
 */
final class EngineWebSocketHandler implements WebSocketHandler {

    private final EngineServer engine;
    private final EngineOptions options;

    EngineWebSocketHandler(EngineServer engine, EngineOptions options) {
        this.engine = engine;
        this.options = options;
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        HandshakeRequest handshake = handshake(ws.getHandshakeInfo().getUri(), ws.getHandshakeInfo().getHeaders(),
                ws.getHandshakeInfo().getRemoteAddress());
        WebSocketTransport transport = new WebSocketTransport(options.maxBufferedPackets(),
                () -> ws.close().subscribe(null, ex -> { }));
        Mono<Void> output = ws.send(transport.packets().map(packet -> toMessage(ws.bufferFactory(), packet)))
                .onErrorResume(ex -> Mono.empty());
        String sid = handshake.query().get("sid");
        Mono<Void> input;
        if (sid == null) {
            EngineSession session = engine.open(handshake, transport);
            input = ws.receive()
                    .doOnNext(message -> receive(session, message))
                    .then()
                    .onErrorResume(ex -> Mono.empty())
                    .doFinally(signal -> session.close("transport close"));
        }
        else {
            EngineSession session = engine.find(sid);
            if (session == null || !session.beginUpgrade(transport)) {
                return ws.close(CloseStatus.POLICY_VIOLATION);
            }
            input = ws.receive()
                    .doOnNext(message -> upgrading(session, transport, message))
                    .then()
                    .onErrorResume(ex -> Mono.empty())
                    .doFinally(signal -> {
                        if (session.isUpgradedTo(transport)) {
                            session.close("transport close");
                        }
                        else {
                            session.upgradeAbandoned();
                            transport.close();
                        }
                    });
        }
        return Mono.when(input, output);
    }

    private void upgrading(EngineSession session, WebSocketTransport transport, WebSocketMessage message) {
        if (session.isUpgradedTo(transport)) {
            receive(session, message);
            return;
        }
        String text = message.getType() == WebSocketMessage.Type.TEXT ? message.getPayloadAsText() : null;
        if ("2probe".equals(text)) {
            transport.offer(new EnginePacket(EnginePacket.PONG, "probe", null));
            session.probed();
        }
        else if ("5".equals(text)) {
            session.upgraded(transport);
        }
        else if (!"6".equals(text)) {
            session.upgradeAbandoned();
            transport.close();
        }
    }

    private static void receive(EngineSession session, WebSocketMessage message) {
        switch (message.getType()) {
            case TEXT -> {
                EnginePacket packet;
                try {
                    packet = EnginePacket.parseText(message.getPayloadAsText());
                }
                catch (IllegalArgumentException ex) {
                    session.close("parse error");
                    return;
                }
                session.receive(packet);
            }
            case BINARY -> {
                byte[] bytes = new byte[message.getPayload().readableByteCount()];
                message.getPayload().read(bytes);
                session.receive(EnginePacket.binaryMessage(bytes));
            }
            default -> { }
        }
    }

    /** The frame for a packet: its shared encoding wrapped, so a broadcast is not re-encoded or copied per socket. */
    static WebSocketMessage toMessage(DataBufferFactory buffers, EnginePacket packet) {
        if (packet.isBinary()) {
            return new WebSocketMessage(WebSocketMessage.Type.BINARY, buffers.wrap(packet.binary()));
        }
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, buffers.wrap(packet.textFrame()));
    }

    static HandshakeRequest handshake(URI uri, HttpHeaders headers, InetSocketAddress remote) {
        Map<String, String> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap()
                .entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        e -> e.getValue() == null ? "" : UriUtils.decode(e.getValue(),
                                StandardCharsets.UTF_8),
                        (a, b) -> a));
        // the request's headers are already a per-request copy: wrap them read-only instead of copying again
        return new HandshakeRequest(uri, HttpHeaders.readOnlyHttpHeaders(headers), query, remote);
    }
}
