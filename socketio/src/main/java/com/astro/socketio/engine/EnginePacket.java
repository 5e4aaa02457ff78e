package com.astro.socketio.engine;

import java.nio.charset.StandardCharsets;

/**
 * One Engine.IO packet: a type and either text data or (for binary messages) bytes. One instance may be queued on
 * many connections (a broadcast): its text form is UTF-8 encoded once, on first send, and every connection writes
 * those same bytes.
 */
public final class EnginePacket {

    public static final char OPEN = '0';
    public static final char CLOSE = '1';
    public static final char PING = '2';
    public static final char PONG = '3';
    public static final char MESSAGE = '4';
    public static final char UPGRADE = '5';
    public static final char NOOP = '6';

    private final char type;
    private final String text;
    private final byte[] binary;
    // volatile: the array is published to other connections' threads, which must see its contents
    private volatile byte[] textFrame;

    public EnginePacket(char type, String text, byte[] binary) {
        this.type = type;
        this.text = text;
        this.binary = binary;
    }

    public static EnginePacket of(char type) {
        return new EnginePacket(type, "", null);
    }

    public static EnginePacket message(String text) {
        return new EnginePacket(MESSAGE, text, null);
    }

    public static EnginePacket binaryMessage(byte[] bytes) {
        return new EnginePacket(MESSAGE, null, bytes);
    }

    public char type() {
        return type;
    }

    public String text() {
        return text;
    }

    public byte[] binary() {
        return binary;
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

    /**
     * The UTF-8 text form of a non binary packet (type digit, then the data), shared by every connection that
     * sends this packet: callers wrap it, never modify it. Two threads may both encode it the first time; either
     * result is the same bytes.
     */
    byte[] textFrame() {
        byte[] frame = textFrame;
        if (frame == null) {
            frame = (type + text).getBytes(StandardCharsets.UTF_8);
            textFrame = frame;
        }
        return frame;
    }
}
