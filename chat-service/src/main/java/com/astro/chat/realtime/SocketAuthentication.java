package com.astro.chat.realtime;

import java.time.Instant;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import com.astro.chat.ChatRefusal;
import com.astro.common.security.JwtUserConverter;
import com.astro.socketio.server.Admission;
import com.astro.socketio.server.ConnectionMiddleware;
import com.astro.socketio.server.Handshake;

import reactor.core.publisher.Mono;

/**
 * Admits a socket only with a token verified exactly like on the REST endpoints (same decoder and role rules),
 * from {@code auth.token} or an {@code Authorization: Bearer} header. The socket keeps its user and its token's
 * expiry, never the token itself: nothing is called with it later ({@link SocketIdentity}). Refusals reach the
 * client as {@code connect_error} with the reason.
 */
@Component
class SocketAuthentication implements ConnectionMiddleware {

    static final String USER = "user";
    static final String EXPIRES_AT = "expiresAt";

    private final ReactiveJwtDecoder decoder;

    private final JwtUserConverter users;

    SocketAuthentication(ReactiveJwtDecoder decoder, JwtUserConverter users) {
        this.decoder = decoder;
        this.users = users;
    }

    /** A token the client passes later (a fresher one), verified; an invalid one is refused as unauthorized. */
    Mono<Jwt> verify(String token) {
        return decoder.decode(token)
                .onErrorMap(JwtException.class, ex -> new ChatRefusal(ChatRefusal.UNAUTHORIZED,
                        "Invalid token: " + ex.getMessage()));
    }

    @Override
    public Mono<Admission> check(Handshake handshake) {
        String token = handshake.bearerToken();
        if (token == null) {
            return Mono.just(Admission.reject(
                    "Authentication required: pass the token as auth.token or an Authorization: Bearer header"));
        }
        return decoder.decode(token)
                .map(jwt -> Admission.accept(Map.of(USER, users.toUser(jwt), EXPIRES_AT, expiry(jwt))))
                .onErrorResume(JwtException.class, ex -> Mono.just(Admission.reject("Invalid token: " + ex.getMessage())));
    }

    /** A token without {@code exp} (the verifier requires one) would count as expired already. */
    static Instant expiry(Jwt jwt) {
        return jwt.getExpiresAt() != null ? jwt.getExpiresAt() : Instant.EPOCH;
    }
}
