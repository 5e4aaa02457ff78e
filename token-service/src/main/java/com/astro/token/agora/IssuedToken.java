package com.astro.token.agora;

import java.time.Instant;

/** A signed AccessToken2 and the moment it (and every privilege in it) stops being valid. */
public record IssuedToken(String token, Instant expiresAt) {
}
