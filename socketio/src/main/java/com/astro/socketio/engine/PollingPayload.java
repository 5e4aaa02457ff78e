package com.astro.socketio.engine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** HTTP long-polling payloads of Engine.IO v4: records joined by \x1e, binary as {@code b<base64>}. */
final class PollingPayload {

    static final char SEPARATOR = '\u001e';

    private PollingPayload() {
    }

    static String encode(List<EnginePacket> packets) {
        StringBuilder out = new StringBuilder();
        for (EnginePacket packet : packets) {
            if (out.length() > 0) {
                out.append(SEPARATOR);
            }
            if (packet.isBinary()) {
                out.append('b').append(Base64.getEncoder().encodeToString(packet.binary()));
            }
            else {
                out.append(packet.type()).append(packet.text());
            }
        }
        return out.toString();
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
