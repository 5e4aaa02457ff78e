package com.astro.presence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.stereotype.Component;

import com.astro.presence.config.PresenceProperties;

/** The secret chat-service shows on internal calls, compared in constant time. */
@Component
class ServiceCredential {

    private final byte[] expected;

    ServiceCredential(PresenceProperties properties) {
        this.expected = properties.serviceCredential().getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String given) {
        return given != null && expected.length > 0
                && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }
}
