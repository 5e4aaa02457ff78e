package com.astro.socketio.engine;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: {@code <prefix>.<random>} or just {@code <random>}; the random part is 15 bytes as base64url
 * (20 characters). The gateway routes long-polling requests by the prefix, so the format is a contract.
 */
public final class SidGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;

    public SidGenerator(String prefix) {
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix + ".";
    }

    public String next() {
        return prefix + randomId();
    }

    public static String randomId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
