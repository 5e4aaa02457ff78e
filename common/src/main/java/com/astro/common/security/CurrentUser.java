package com.astro.common.security;

/**
 * The caller, taken from a verified token: {@code id} is the JWT {@code sub}. Controllers receive
 * it with {@code @AuthenticationPrincipal CurrentUser user}.
 */
public record CurrentUser(String id, Role role, String displayName) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean is(Role expected) {
        return role == expected;
    }
}
