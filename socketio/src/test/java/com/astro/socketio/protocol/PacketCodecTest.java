package com.astro.socketio.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketCodecTest {

    private final PacketCodec codec = new PacketCodec();

    @Test
    void encodesAnEventInTheMainNamespaceWithoutNamespacePrefix() {
        PacketCodec.Encoded encoded = codec.encode(Packet.of(PacketType.EVENT, "/", null, List.of("hello", 1)));
        assertThat(encoded.text()).isEqualTo("2[\"hello\",1]");
        assertThat(encoded.attachments()).isEmpty();
    }

    @Test
    void encodesNamespaceAndAckId() {
        PacketCodec.Encoded encoded = codec.encode(Packet.of(PacketType.ACK, "/admin", 12L, Arrays.asList("ok", null)));
        assertThat(encoded.text()).isEqualTo("3/admin,12[\"ok\",null]");
    }

    @Test
    void binaryValuesBecomePlaceholdersAndAttachmentsAnywhereInThePayload() {
        byte[] first = {1, 2};
        byte[] second = {3};
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("files", List.of(second));
        PacketCodec.Encoded encoded = codec.encode(Packet.of(PacketType.EVENT, "/", 5L, List.of("upload", first, nested)));
        assertThat(encoded.text()).isEqualTo("52-5[\"upload\",{\"_placeholder\":true,\"num\":0},"
                + "{\"files\":[{\"_placeholder\":true,\"num\":1}]}]");
        assertThat(encoded.attachments()).containsExactly(first, second);
    }

    @Test
    void anAckWithBinaryBecomesABinaryAck() {
        assertThat(codec.encode(Packet.of(PacketType.ACK, "/", 1L, List.of(new byte[] {9}))).text())
                .isEqualTo("61-1[{\"_placeholder\":true,\"num\":0}]");
    }

    @Test
    void decodesEveryPartOfAPacket() {
        Packet packet = codec.decode("2/chat,42[\"message\",{\"a\":1}]");
        assertThat(packet.type()).isEqualTo(PacketType.EVENT);
        assertThat(packet.namespace()).isEqualTo("/chat");
        assertThat(packet.id()).isEqualTo(42L);
        assertThat(packet.data()).isEqualTo(List.of("message", Map.of("a", 1)));
    }

    @Test
    void decodesAConnectWithoutPayloadOrComma() {
        Packet packet = codec.decode("0/custom");
        assertThat(packet.namespace()).isEqualTo("/custom");
        assertThat(packet.data()).isNull();
    }

    @Test
    void reconstructsBinaryAttachments() {
        Packet header = codec.decode("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(header.attachments()).isEqualTo(1);
        Packet complete = codec.reconstruct(header, List.of(new byte[] {7, 8}));
        assertThat(((List<?>) complete.data()).get(1)).isEqualTo(new byte[] {7, 8});
    }

    @Test
    void refusesMalformedPackets() {
        for (String bad : List.of("", "9", "a", "2{}", "2[]", "2[1", "2abc[\"x\"]", "5[\"x\"]", "5x-[\"x\"]",
                "511-[\"x\"]", "1[\"x\"]", "0\"token\"", "3[\"no id\"]", "2[\"x\"] trailing", "4")) {
            assertThatThrownBy(() -> codec.decode(bad)).as(bad).isInstanceOf(PacketFormatException.class);
        }
    }

    @Test
    void refusesAPlaceholderThatPointsPastTheAttachments() {
        Packet header = codec.decode("51-[\"file\",{\"_placeholder\":true,\"num\":1}]");
        assertThatThrownBy(() -> codec.reconstruct(header, List.of(new byte[] {1})))
                .isInstanceOf(PacketFormatException.class);
    }
}
