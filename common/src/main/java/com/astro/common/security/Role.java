package com.astro.common.security;

import java.util.Locale;

/** The roles of the marketplace. A token whose role claim holds anything else gets {@link #UNKNOWN}. */
public enum Role {

    USER, ASTROLOGER, ADMIN, UNKNOWN;

    /** The Spring Security authority, e.g. {@code ROLE_ASTROLOGER}; none for {@link #UNKNOWN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A missing role claim means an ordinary user: Clerk sets no role on plain sign-ups. */
    public static Role fromClaim(Object claim) {
        if (claim == null) {
            return USER;
        }
        if (claim instanceof String value) {
            for (Role role : values()) {
                if (role != UNKNOWN && role.wireName().equals(value)) {
                    return role;
                }
            }
        }
        return UNKNOWN;
    }
}
