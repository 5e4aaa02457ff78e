package com.astro.socketio.protocol;

/** Socket.IO v5 packet types, by their wire digit. */
public enum PacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    public static PacketType ofDigit(char digit) {
        int index = digit - '0';
        if (index < 0 || index >= values().length) {
            throw new PacketFormatException("unknown packet type " + digit);
        }
        return values()[index];
    }

    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }
}
