package com.astro.socketio.engine;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the Engine.IO layer.
 *
 * @param pingInterval        how often the server pings (Engine.IO v4 heartbeats are server driven)
 * @param pingTimeout         how long the server waits for the pong before closing with "ping timeout"
 * @param maxPayload          the largest HTTP body (polling POST) or WebSocket frame accepted, in bytes
 * @param allowedOrigins      origins allowed by CORS; {@code "*"} allows any origin; empty leaves CORS and the
 *                            Origin check to the gateway (no CORS headers, no refusal)
 * @param sidPrefix           optional prefix of every sid ({@code <prefix>.<random>}), read by the gateway to route
 *                            long-polling requests back to this instance; {@code null} or blank for none
 * @param maxBufferedPackets  outbound packets one session may have waiting; when exceeded the session is closed
 *                            with reason {@code "slow consumer"} (a slow client never grows memory or stalls others)
 * @param sessionLimits       how many sessions the server holds, in all and per client address
 */
public record EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, List<String> allowedOrigins,
        String sidPrefix, int maxBufferedPackets, SessionLimits sessionLimits) {

    public EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, List<String> allowedOrigins,
            String sidPrefix, int maxBufferedPackets) {
        this(pingInterval, pingTimeout, maxPayload, allowedOrigins, sidPrefix, maxBufferedPackets, SessionLimits.NONE);
    }

    public EngineOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (maxPayload <= 0 || maxBufferedPackets <= 0) {
            throw new IllegalArgumentException("maxPayload and maxBufferedPackets must be positive");
        }
    }

    public boolean allowsOrigin(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
}
