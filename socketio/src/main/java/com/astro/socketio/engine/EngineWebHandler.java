package com.astro.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The HTTP side of Engine.IO: validates the query (EIO, transport, sid), answers CORS, serves long-polling
 * GET/POST and hands WebSocket upgrades to {@link EngineWebSocketHandler}.
 */
final class EngineWebHandler implements WebHandler {

    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final MediaType TEXT_HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final EngineServer engine;
    private final EngineOptions options;
    private final WebSocketService webSockets;
    private final EngineWebSocketHandler webSocketHandler;

    EngineWebHandler(EngineServer engine, EngineOptions options) {
        this.engine = engine;
        this.options = options;
        this.webSockets = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(options.maxPayload())));
        this.webSocketHandler = new EngineWebSocketHandler(engine, options);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        String origin = request.getHeaders().getOrigin();
        // no configured origins: CORS is someone else's job (the gateway) and Origin is not checked here
        if (origin != null && !options.allowedOrigins().isEmpty()) {
            if (!options.allowsOrigin(origin)) {
                return fail(response, EngineError.FORBIDDEN);
            }
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            return preflight(request, response);
        }
        String transport = request.getQueryParams().getFirst("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return fail(response, EngineError.UNKNOWN_TRANSPORT);
        }
        if (!"4".equals(request.getQueryParams().getFirst("EIO"))) {
            return fail(response, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        String sid = request.getQueryParams().getFirst("sid");
        if ("websocket".equals(transport)) {
            if (!HttpMethod.GET.equals(request.getMethod())
                    || !"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
                return fail(response, EngineError.BAD_REQUEST);
            }
            if (sid != null && engine.find(sid) == null) {
                return fail(response, EngineError.UNKNOWN_SID);
            }
            EngineError refusal = sid == null ? engine.refusal(handshake(request)) : null;
            if (refusal != null) {
                return fail(response, refusal);
            }
            return webSockets.handleRequest(exchange, webSocketHandler);
        }
        if (sid == null) {
            if (!HttpMethod.GET.equals(request.getMethod())) {
                return fail(response, EngineError.BAD_HANDSHAKE_METHOD);
            }
            HandshakeRequest handshake = handshake(request);
            EngineError refusal = engine.refusal(handshake);
            if (refusal != null) {
                return fail(response, refusal);
            }
            return respondWithPoll(request, response, engine.open(handshake, null));
        }
        EngineSession session = engine.find(sid);
        if (session == null) {
            return fail(response, EngineError.UNKNOWN_SID);
        }
        if ("websocket".equals(session.transportName())) {
            // the session lives on a WebSocket (opened there or upgraded): polling requests are refused
            return fail(response, EngineError.BAD_REQUEST);
        }
        if (HttpMethod.GET.equals(request.getMethod())) {
            return respondWithPoll(request, response, session);
        }
        if (HttpMethod.POST.equals(request.getMethod())) {
            return post(request, response, session);
        }
        return fail(response, EngineError.BAD_REQUEST);
    }

    private static HandshakeRequest handshake(ServerHttpRequest request) {
        return EngineWebSocketHandler.handshake(request.getURI(), request.getHeaders(), request.getRemoteAddress());
    }

    private Mono<Void> respondWithPoll(ServerHttpRequest request, ServerHttpResponse response, EngineSession session) {
        // a held GET is completed on the thread that queued a packet: the response is written on the connection's loop
        ConnectionLoop loop = ConnectionLoop.of(request);
        return session.poll()
                .flatMap(packets -> loop.run(() -> write(response, PollingPayload.encode(packets, response.bufferFactory()),
                        TEXT_PLAIN_UTF8)))
                .onErrorResume(EngineException.class, ex -> fail(response, ex.error));
    }

    private Mono<Void> post(ServerHttpRequest request, ServerHttpResponse response, EngineSession session) {
        if (request.getHeaders().getContentLength() > options.maxPayload()) {
            session.close("transport error");
            return fail(response, EngineError.PAYLOAD_TOO_LARGE);
        }
        if (!session.beginPost()) {
            session.close("transport error");
            return fail(response, EngineError.BAD_REQUEST);
        }
        return DataBufferUtils.join(request.getBody(), options.maxPayload())
                .map(buffer -> {
                    String body = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return body;
                })
                .defaultIfEmpty("")
                .flatMap(body -> {
                    List<EnginePacket> packets;
                    try {
                        packets = PollingPayload.decode(body);
                    }
                    catch (IllegalArgumentException ex) {
                        session.close("parse error");
                        return fail(response, EngineError.BAD_REQUEST);
                    }
                    packets.forEach(session::receive);
                    return write(response, "ok", TEXT_HTML_UTF8);
                })
                .onErrorResume(DataBufferLimitException.class, ex -> {
                    session.close("transport error");
                    return fail(response, EngineError.PAYLOAD_TOO_LARGE);
                })
                .doFinally(signal -> session.endPost());
    }

    private Mono<Void> preflight(ServerHttpRequest request, ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NO_CONTENT);
        response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
        String requested = request.getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requested != null) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested);
        }
        response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
        return response.setComplete();
    }

    private static Mono<Void> write(ServerHttpResponse response, String body, MediaType type) {
        return write(response, response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static Mono<Void> write(ServerHttpResponse response, DataBuffer body, MediaType type) {
        response.getHeaders().setContentType(type);
        response.getHeaders().setCacheControl("no-store");
        response.getHeaders().setContentLength(body.readableByteCount());
        return response.writeWith(Mono.just(body));
    }

    private static Mono<Void> fail(ServerHttpResponse response, EngineError error) {
        response.setStatusCode(error.status);
        return write(response, error.body(), MediaType.APPLICATION_JSON);
    }
}
