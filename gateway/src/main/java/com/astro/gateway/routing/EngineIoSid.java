package com.astro.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the chat instance an Engine.IO session lives on from its {@code sid}. The contract with
 * chat-service: a sid is {@code <prefix>.<random>}, the prefix being the base64url (no padding)
 * of the instance's advertised {@code host:port}.
 */
final class EngineIoSid {

    private static final int MAX_PREFIX = 200;

    private EngineIoSid() {
    }

    /** Whether the sid carries an instance prefix at all (older or foreign servers issue plain ids). */
    static boolean hasPrefix(String sid) {
        return sid.indexOf('.') > 0;
    }

    /** The {@code host:port} in the sid's prefix; empty when it is not valid base64url text of that shape. */
    static Optional<String> authority(String sid) {
        int dot = sid.indexOf('.');
        if (dot <= 0 || dot > MAX_PREFIX) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(sid.substring(0, dot)), StandardCharsets.UTF_8);
            int colon = decoded.lastIndexOf(':');
            if (colon <= 0 || colon == decoded.length() - 1 || !decoded.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            return Optional.of(decoded);
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The prefix a chat instance advertising {@code authority} puts in front of its sids. */
    static String prefixOf(String authority) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(authority.getBytes(StandardCharsets.UTF_8));
    }
}
