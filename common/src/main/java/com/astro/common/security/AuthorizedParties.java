package com.astro.common.security;

import org.springframework.core.env.Environment;

/**
 * An empty list of authorized parties accepts tokens minted for any origin ({@code azp}), which is only
 * acceptable on a developer's machine: anywhere else the service refuses to start rather than fail open.
 */
final class AuthorizedParties {

    static final String DEV_PROFILE = "dev";

    private AuthorizedParties() {
    }

    static void requireConfiguredOutsideDev(SecurityProperties properties, Environment environment) {
        if (properties.authorizedParties().isEmpty() && !environment.matchesProfiles(DEV_PROFILE)) {
            throw new IllegalStateException("CLERK_AUTHORIZED_PARTIES (astro.security.authorized-parties) is empty, "
                    + "so tokens issued for any origin would be accepted. Set it to the frontend origins, comma "
                    + "separated (e.g. https://app.example.com), or run with the dev profile "
                    + "(SPRING_PROFILES_ACTIVE=dev) on a developer machine.");
        }
    }
}
