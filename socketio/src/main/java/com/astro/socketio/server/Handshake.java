package com.astro.socketio.server;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;

/**
 * What a client presented when connecting to a namespace: the CONNECT auth payload ({@code auth} option of
 * socket.io-client) and the headers, query and remote address of the first HTTP request of its connection.
 */
public record Handshake(Map<String, Object> auth, HttpHeaders headers, Map<String, String> query,
        InetSocketAddress remoteAddress) {

    /**
     * What a socket keeps once its connection handlers have run: no HTTP headers and no {@code auth.token}. An idle
     * socket may live for hours; its request's headers and a bearer credential (a kilobyte of JWT) are needed only
     * to admit it (issue 23), and a credential kept in memory for hours is one more in every heap dump.
     */
    public Handshake retained() {
        if (headers.isEmpty() && !auth.containsKey("token")) {
            return this;
        }
        Map<String, Object> kept = new LinkedHashMap<>(auth);
        kept.remove("token");
        return new Handshake(Collections.unmodifiableMap(kept), HttpHeaders.EMPTY, query, remoteAddress);
    }

    /** {@code auth.token} when it is a string, else the {@code Authorization: Bearer} header, else null. */
    public String bearerToken() {
        if (auth.get("token") instanceof String token && !token.isBlank()) {
            return token;
        }
        String header = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }
}
