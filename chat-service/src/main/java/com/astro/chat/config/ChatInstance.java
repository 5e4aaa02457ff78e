package com.astro.chat.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Who this chat instance is: its id (names its fan-out consumer group and its connection events) and the
 * address the gateway routes to it by. The Engine.IO sid prefix is the contract with the gateway: the
 * base64url (no padding) of the advertised {@code host:port}, so that every long-polling request of one
 * Engine.IO session can be sent back to the instance that holds it.
 */
public record ChatInstance(String id, String advertisedAddress) {

    public static ChatInstance of(ChatProperties properties, int serverPort) {
        String id = properties.instanceId() == null || properties.instanceId().isBlank()
                ? UUID.randomUUID().toString().replace("-", "").substring(0, 8)
                : properties.instanceId().trim();
        String address = properties.advertisedAddress() == null || properties.advertisedAddress().isBlank()
                ? "127.0.0.1:" + serverPort
                : properties.advertisedAddress().trim();
        return new ChatInstance(id, address);
    }

    public String sidPrefix() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(advertisedAddress.getBytes(StandardCharsets.UTF_8));
    }

    /** The fan-out consumer group: one per instance, since every instance must see every room event. */
    public String fanOutGroup() {
        return "chat-service-" + id;
    }
}
