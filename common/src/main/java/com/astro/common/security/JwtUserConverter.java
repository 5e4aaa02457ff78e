package com.astro.common.security;

import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import reactor.core.publisher.Mono;

/** Turns a verified JWT into a {@link UserAuthentication}, reading the role from the configured claim. */
public final class JwtUserConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final String roleClaim;

    public JwtUserConverter(String roleClaim) {
        this.roleClaim = roleClaim;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.just(new UserAuthentication(toUser(jwt), jwt));
    }

    public CurrentUser toUser(Jwt jwt) {
        Object name = jwt.getClaims().get("name");
        return new CurrentUser(jwt.getSubject(), Role.fromClaim(claimAt(jwt.getClaims(), roleClaim)),
                name instanceof String text ? text : null);
    }

    private static Object claimAt(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
