package com.astro.socketio.engine;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How many Engine.IO sessions a server holds at once, in all and per client address. Past either a new
 * handshake is refused (503 "Server full", 429 "Too many sessions from this address"), so one client cannot
 * take all of an instance's connections.
 *
 * @param maxSessions        sessions this server holds at once
 * @param maxPerAddress      sessions one client address holds at once
 * @param trustForwardedFor  take the client address from the last {@code X-Forwarded-For} entry (the one the
 *                           proxy in front appended) instead of the connection's peer; only behind a proxy that
 *                           appends it, as the gateway does
 */
public record SessionLimits(int maxSessions, int maxPerAddress, boolean trustForwardedFor) {

    /** No limits (tests and embedded use). */
    public static final SessionLimits NONE = new SessionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, false);

    public SessionLimits {
        if (maxSessions <= 0 || maxPerAddress <= 0) {
            throw new IllegalArgumentException("session limits must be positive");
        }
    }

    /** The address a handshake is counted under. */
    String clientAddress(HandshakeRequest handshake) {
        if (trustForwardedFor) {
            List<String> forwarded = handshake.headers().getValuesAsList("X-Forwarded-For");
            if (!forwarded.isEmpty()) {
                return forwarded.get(forwarded.size() - 1).trim();
            }
        }
        InetSocketAddress remote = handshake.remoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
