package com.astro.socketio.protocol;

/**
 * One Socket.IO packet. {@code data} is the decoded JSON (Map, List, String, Number, Boolean or null), with
 * binary attachments as {@code byte[]} once reassembled; {@code id} is the acknowledgement id or null.
 */
public record Packet(PacketType type, String namespace, Long id, Object data, int attachments) {

    public static Packet of(PacketType type, String namespace, Long id, Object data) {
        return new Packet(type, namespace, id, data, 0);
    }
}
