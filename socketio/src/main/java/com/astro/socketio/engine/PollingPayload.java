package com.astro.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/** HTTP long-polling payloads of Engine.IO v4: records joined by \x1e, binary as {@code b<base64>}. */
final class PollingPayload {

    static final char SEPARATOR = '\u001e';

    private static final byte[] SEPARATOR_BYTES = {(byte) SEPARATOR};

    private PollingPayload() {
    }

    /**
     * The response body for these packets. Text packets are not copied: each record wraps the packet's own
     * encoding ({@link EnginePacket#textFrame()}), so a packet broadcast to many polling sockets is encoded once.
     */
    static DataBuffer encode(List<EnginePacket> packets, DataBufferFactory buffers) {
        if (packets.size() == 1) {
            return record(packets.get(0), buffers);
        }
        List<DataBuffer> parts = new ArrayList<>(packets.size() * 2 - 1);
        for (EnginePacket packet : packets) {
            if (!parts.isEmpty()) {
                parts.add(buffers.wrap(SEPARATOR_BYTES));
            }
            parts.add(record(packet, buffers));
        }
        return buffers.join(parts);
    }

    private static DataBuffer record(EnginePacket packet, DataBufferFactory buffers) {
        if (packet.isBinary()) {
            return buffers.wrap(("b" + Base64.getEncoder().encodeToString(packet.binary())).getBytes(StandardCharsets.US_ASCII));
        }
        return buffers.wrap(packet.textFrame());
    }

    /** @throws IllegalArgumentException on any record that is not a valid packet */
    static List<EnginePacket> decode(String body) {
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = body.length();
            }
            String record = body.substring(start, end);
            if (!record.isEmpty() && record.charAt(0) == 'b') {
                packets.add(EnginePacket.binaryMessage(Base64.getDecoder().decode(record.substring(1))));
            }
            else {
                packets.add(EnginePacket.parseText(record));
            }
            start = end + 1;
        }
        return packets;
    }
}
