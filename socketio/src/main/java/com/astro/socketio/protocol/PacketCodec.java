package com.astro.socketio.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes and decodes Socket.IO v5 packets: {@code <type>[<attachments>-][<nsp>,][<id>][<json>]}. Binary values
 * ({@code byte[]}) anywhere in Maps, Lists or arrays become {@code {"_placeholder":true,"num":n}} and travel as
 * separate attachments; decoding puts them back.
 */
public final class PacketCodec {

    /** More attachments than this in one packet is refused as malformed. */
    public static final int MAX_ATTACHMENTS = 10;

    private final JsonMapper json;

    public PacketCodec() {
        this(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build());
    }

    public PacketCodec(JsonMapper json) {
        this.json = json;
    }

    /** A packet in wire form: the text frame, then its binary attachments in order. */
    public record Encoded(String text, List<byte[]> attachments) {
    }

    public Encoded encode(Packet packet) {
        List<byte[]> attachments = new ArrayList<>();
        Object data = packet.data() == null ? null : deconstruct(packet.data(), attachments, new IdentityHashMap<>());
        PacketType type = packet.type();
        if (!attachments.isEmpty()) {
            type = type == PacketType.ACK ? PacketType.BINARY_ACK : type == PacketType.EVENT ? PacketType.BINARY_EVENT : type;
        }
        else if (type == PacketType.BINARY_ACK) {
            type = PacketType.ACK;
        }
        else if (type == PacketType.BINARY_EVENT) {
            type = PacketType.EVENT;
        }
        StringBuilder out = new StringBuilder().append(type.ordinal());
        if (type.isBinary()) {
            out.append(attachments.size()).append('-');
        }
        if (!"/".equals(packet.namespace())) {
            out.append(packet.namespace()).append(',');
        }
        if (packet.id() != null) {
            out.append(packet.id());
        }
        if (packet.data() != null) {
            out.append(json.writeValueAsString(data));
        }
        return new Encoded(out.toString(), attachments);
    }

    /** Decodes a text frame; binary packets come back with placeholders still in place. */
    public Packet decode(String text) {
        if (text.isEmpty()) {
            throw new PacketFormatException("empty packet");
        }
        PacketType type = PacketType.ofDigit(text.charAt(0));
        int i = 1;
        int attachments = 0;
        if (type.isBinary()) {
            int dash = text.indexOf('-', i);
            if (dash < 0) {
                throw new PacketFormatException("missing attachment count");
            }
            attachments = parseCount(text.substring(i, dash));
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            int end = comma < 0 ? text.length() : comma;
            namespace = text.substring(i, end);
            i = comma < 0 ? end : end + 1;
        }
        Long id = null;
        int idStart = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i > idStart) {
            if (i - idStart > 15) {
                throw new PacketFormatException("acknowledgement id too long");
            }
            id = Long.parseLong(text.substring(idStart, i));
        }
        Object data = null;
        if (i < text.length()) {
            try {
                data = json.readValue(text.substring(i), Object.class);
            }
            catch (JacksonException ex) {
                throw new PacketFormatException("invalid JSON payload");
            }
        }
        Packet packet = new Packet(type, namespace, id, data, attachments);
        validate(packet);
        return packet;
    }

    /** Replaces placeholders with the received attachments. */
    public Packet reconstruct(Packet packet, List<byte[]> attachments) {
        return new Packet(packet.type(), packet.namespace(), packet.id(),
                reconstruct(packet.data(), attachments), packet.attachments());
    }

    private static int parseCount(String digits) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
            throw new PacketFormatException("invalid attachment count");
        }
        int count = Integer.parseInt(digits);
        if (count > MAX_ATTACHMENTS) {
            throw new PacketFormatException("too many attachments");
        }
        return count;
    }

    private static void validate(Packet packet) {
        Object data = packet.data();
        boolean valid = switch (packet.type()) {
            case CONNECT -> data == null || data instanceof Map;
            case DISCONNECT -> data == null;
            case CONNECT_ERROR -> data instanceof String || data instanceof Map;
            case EVENT, BINARY_EVENT -> data instanceof List<?> list && !list.isEmpty()
                    && (list.get(0) instanceof String || list.get(0) instanceof Number);
            case ACK, BINARY_ACK -> data instanceof List && packet.id() != null;
        };
        if (!valid) {
            throw new PacketFormatException("invalid payload for " + packet.type());
        }
    }

    private static Object deconstruct(Object value, List<byte[]> attachments, IdentityHashMap<Object, Boolean> seen) {
        if (value instanceof byte[] bytes) {
            Map<String, Object> placeholder = new LinkedHashMap<>();
            placeholder.put("_placeholder", true);
            placeholder.put("num", attachments.size());
            attachments.add(bytes);
            return placeholder;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return deconstruct(bytes, attachments, seen);
        }
        if (value instanceof List<?> list) {
            guard(value, seen);
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(deconstruct(item, attachments, seen));
            }
            return copy;
        }
        if (value instanceof Object[] array) {
            return deconstruct(List.of(array), attachments, seen);
        }
        if (value instanceof Map<?, ?> map) {
            guard(value, seen);
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deconstruct(v, attachments, seen)));
            return copy;
        }
        return value;
    }

    private static void guard(Object value, IdentityHashMap<Object, Boolean> seen) {
        if (seen.put(value, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("circular payload");
        }
    }

    private static Object reconstruct(Object value, List<byte[]> attachments) {
        if (value instanceof Map<?, ?> map) {
            if (Boolean.TRUE.equals(map.get("_placeholder"))) {
                if (!(map.get("num") instanceof Integer num) || num < 0 || num >= attachments.size()) {
                    throw new PacketFormatException("invalid attachment placeholder");
                }
                return attachments.get(num);
            }
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, reconstruct(v, attachments)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(reconstruct(item, attachments));
            }
            return copy;
        }
        return value;
    }
}
