package com.astro.socketio.protocol;

/** A Socket.IO packet that cannot be parsed; the connection that sent it is closed. */
public final class PacketFormatException extends RuntimeException {

    public PacketFormatException(String message) {
        super(message, null, false, false);
    }
}
