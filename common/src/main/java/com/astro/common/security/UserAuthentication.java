package com.astro.common.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified token whose principal is the {@link CurrentUser}. */
public final class UserAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    private final Jwt jwt;

    public UserAuthentication(CurrentUser user, Jwt jwt) {
        super(user.role() == Role.UNKNOWN ? List.of() : List.of(new SimpleGrantedAuthority(user.role().authority())));
        this.user = user;
        this.jwt = jwt;
        setAuthenticated(true);
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public Jwt getCredentials() {
        return jwt;
    }

    @Override
    public String getName() {
        return user.id();
    }
}
