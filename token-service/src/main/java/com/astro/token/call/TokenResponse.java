package com.astro.token.call;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An issued token. {@code uid} is what the token is bound to: the caller's user account (a string) or their
 * numeric uid (a number); {@code numericUid} is always the caller's own numeric uid, so a client that needs a
 * numeric uid learns the one it may ask for. {@code channelName} is absent for an RTM token that was asked for
 * without one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(
        String token,
        String appId,
        String channelName,
        Object uid,
        long numericUid,
        String sessionId,
        Instant expiresAt) {
}
