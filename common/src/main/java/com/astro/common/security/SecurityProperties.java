package com.astro.common.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified, bound from {@code astro.security.*} (environment: {@code CLERK_JWKS_URL},
 * {@code CLERK_ISSUER}, {@code CLERK_AUTHORIZED_PARTIES}, {@code AUTH_ROLE_CLAIM}).
 *
 * @param jwksUrl where the issuer publishes its signing keys
 * @param issuer the exact {@code iss} every token must carry
 * @param authorizedParties origins allowed in {@code azp}; empty accepts any, and is allowed only in the dev profile
 * @param roleClaim the claim holding the role, a dotted path for nested claims ({@code public_metadata.role})
 * @param publicPaths path patterns open without a token, besides health and readiness
 * @param jwksRefetchInterval the shortest time between two JWKS fetches ({@code CLERK_JWKS_REFETCH_INTERVAL}):
 *        tokens with unknown key ids cannot make the service call the issuer more often
 */
@ConfigurationProperties("astro.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8090/.well-known/jwks.json") String jwksUrl,
        @DefaultValue("http://localhost:8090") String issuer,
        @DefaultValue List<String> authorizedParties,
        @DefaultValue("role") String roleClaim,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("30s") Duration jwksRefetchInterval) {
}
