package com.astro.token.agora;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agora settings, bound from {@code astro.agora.*}.
 *
 * @param appId the Agora project's app id ({@code AGORA_APP_ID}); blank means Agora is not configured
 * @param appCertificate the project's primary app certificate ({@code AGORA_APP_CERTIFICATE}); blank means not
 *        configured. It signs tokens and never leaves this service.
 * @param tokenTtl the renewal window: how long a token and its privileges stay valid at most. Short, so a call
 *        ends within it once its session has ended even if nobody tells Agora; the client renews on Agora's
 *        {@code token-privilege-will-expire}
 * @param maxSessionLength the longest a session may last; no token outlives {@code acceptedAt} plus this, so a
 *        session whose end event was lost cannot keep granting calls forever
 */
@ConfigurationProperties("astro.agora")
public record AgoraProperties(
        String appId,
        String appCertificate,
        @DefaultValue("5m") Duration tokenTtl,
        @DefaultValue("4h") Duration maxSessionLength) {

    public AgoraProperties {
        appId = appId == null ? "" : appId.trim();
        appCertificate = appCertificate == null ? "" : appCertificate.trim();
        if (tokenTtl.toSeconds() < 1 || tokenTtl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("astro.agora.token-ttl must be between 1 second and 68 years");
        }
        if (maxSessionLength.toSeconds() < 1) {
            throw new IllegalArgumentException("astro.agora.max-session-length must be at least 1 second");
        }
    }

    /** Agora app ids and certificates are 32 hexadecimal characters; anything else cannot sign a usable token. */
    public boolean configured() {
        return isKey(appId) && isKey(appCertificate);
    }

    private static boolean isKey(String value) {
        return value.matches("[0-9a-fA-F]{32}");
    }
}
