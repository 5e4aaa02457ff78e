package com.astro.socketio.server;

import java.util.Map;

/**
 * A middleware's verdict on a connection: accepted (with attributes to attach to the socket) or rejected with
 * a message (and optional data) that the client receives as {@code connect_error} ({@code err.message},
 * {@code err.data}).
 */
public record Admission(boolean accepted, Map<String, Object> attributes, String message, Object data) {

    public static Admission accept() {
        return new Admission(true, Map.of(), null, null);
    }

    public static Admission accept(Map<String, Object> attributes) {
        return new Admission(true, Map.copyOf(attributes), null, null);
    }

    public static Admission reject(String message) {
        return new Admission(false, Map.of(), message, null);
    }

    public static Admission reject(String message, Object data) {
        return new Admission(false, Map.of(), message, data);
    }
}
