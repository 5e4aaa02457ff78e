package com.astro.socketio.engine;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;

/** What the first request of an Engine.IO session carried: headers, query, remote address. */
public record HandshakeRequest(URI uri, HttpHeaders headers, Map<String, String> query, InetSocketAddress remoteAddress) {
}
