package com.astro.socketio.engine;

/**
 * One Engine.IO packet: a type and either text data or (for binary messages) bytes.
 */
public record EnginePacket(char type, String text, byte[] binary) {

    public static final char OPEN = '0';
    public static final char CLOSE = '1';
    public static final char PING = '2';
    public static final char PONG = '3';
    public static final char MESSAGE = '4';
    public static final char UPGRADE = '5';
    public static final char NOOP = '6';

    public static EnginePacket of(char type) {
        return new EnginePacket(type, "", null);
    }

    public static EnginePacket message(String text) {
        return new EnginePacket(MESSAGE, text, null);
    }

    public static EnginePacket binaryMessage(byte[] bytes) {
        return new EnginePacket(MESSAGE, null, bytes);
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** Parses a text frame (WebSocket) or a text record (polling): the type digit then the data. */
    public static EnginePacket parseText(String frame) {
        if (frame.isEmpty() || frame.charAt(0) < OPEN || frame.charAt(0) > NOOP) {
            throw new IllegalArgumentException("invalid Engine.IO packet");
        }
        return new EnginePacket(frame.charAt(0), frame.substring(1), null);
    }

    /** The text form of a non binary packet. */
    public String encodeText() {
        return type + text;
    }
}
