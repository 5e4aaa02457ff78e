package com.astro.socketio.server;

import java.time.Duration;
import java.util.List;

import com.astro.socketio.engine.EngineOptions;
import com.astro.socketio.engine.SessionLimits;

/**
 * Settings of a {@link SocketIoServer}. Start from {@link #defaults()} and change what you need.
 *
 * @param path               where the endpoint is served, with a trailing slash (default {@code /socket.io/})
 * @param pingInterval       server heartbeat period (default 25 s)
 * @param pingTimeout        how long a pong may take before the connection is closed (default 20 s)
 * @param maxPayload         largest HTTP body / WebSocket frame in bytes (default 1,000,000); bigger closes the
 *                           connection (HTTP 413, WebSocket close 1009)
 * @param connectTimeout     time a client has to connect to a namespace after the handshake (default 45 s)
 * @param allowedOrigins     CORS origins (others get 403 code 4); {@code "*"} for any; empty (default) leaves CORS
 *                           to the gateway: no CORS headers and no Origin check
 * @param sidPrefix          prefix of every Engine.IO sid ({@code <prefix>.<random>}), read by the gateway
 * @param maxBufferedPackets outbound packets one connection may have waiting (default 1024); beyond that the
 *                           connection is closed with reason {@code "slow consumer"}
 * @param sessionLimits      connections held at once, in all and per client address (default: no limit)
 */
public record SocketIoOptions(String path, Duration pingInterval, Duration pingTimeout, int maxPayload,
        Duration connectTimeout, List<String> allowedOrigins, String sidPrefix, int maxBufferedPackets,
        SessionLimits sessionLimits) {

    public SocketIoOptions {
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static SocketIoOptions defaults() {
        return new SocketIoOptions("/socket.io/", Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofSeconds(45), List.of(), null, 1024, SessionLimits.NONE);
    }

    public SocketIoOptions withPath(String value) {
        return new SocketIoOptions(value, pingInterval, pingTimeout, maxPayload, connectTimeout, allowedOrigins,
                sidPrefix, maxBufferedPackets, sessionLimits);
    }

    public SocketIoOptions withHeartbeat(Duration interval, Duration timeout) {
        return new SocketIoOptions(path, interval, timeout, maxPayload, connectTimeout, allowedOrigins, sidPrefix,
                maxBufferedPackets, sessionLimits);
    }

    public SocketIoOptions withMaxPayload(int value) {
        return new SocketIoOptions(path, pingInterval, pingTimeout, value, connectTimeout, allowedOrigins, sidPrefix,
                maxBufferedPackets, sessionLimits);
    }

    public SocketIoOptions withConnectTimeout(Duration value) {
        return new SocketIoOptions(path, pingInterval, pingTimeout, maxPayload, value, allowedOrigins, sidPrefix,
                maxBufferedPackets, sessionLimits);
    }

    public SocketIoOptions withAllowedOrigins(List<String> value) {
        return new SocketIoOptions(path, pingInterval, pingTimeout, maxPayload, connectTimeout, value, sidPrefix,
                maxBufferedPackets, sessionLimits);
    }

    public SocketIoOptions withSidPrefix(String value) {
        return new SocketIoOptions(path, pingInterval, pingTimeout, maxPayload, connectTimeout, allowedOrigins, value,
                maxBufferedPackets, sessionLimits);
    }

    public SocketIoOptions withMaxBufferedPackets(int value) {
        return new SocketIoOptions(path, pingInterval, pingTimeout, maxPayload, connectTimeout, allowedOrigins,
                sidPrefix, value, sessionLimits);
    }

    public SocketIoOptions withSessionLimits(SessionLimits value) {
        return new SocketIoOptions(path, pingInterval, pingTimeout, maxPayload, connectTimeout, allowedOrigins,
                sidPrefix, maxBufferedPackets, value);
    }

    EngineOptions engineOptions() {
        return new EngineOptions(pingInterval, pingTimeout, maxPayload, allowedOrigins, sidPrefix, maxBufferedPackets,
                sessionLimits);
    }
}
