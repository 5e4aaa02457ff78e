package com.astro.common.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Mono;

/**
 * Builds the one token decoder every service and the gateway use: RS256 only, keys from the JWKS
 * URL (cached; an unknown {@code kid} refetches the set, at most once per refetch interval), then issuer,
 * expiry and not-before,
 * a subject, and {@code azp} among the authorized parties when any are configured. Tokens over 16 KB are
 * refused unread.
 */
public final class TokenVerifier {

    /** Far above a real session token (1 to 3 KB): anything longer is refused before it is parsed. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private TokenVerifier() {
    }

    public static ReactiveJwtDecoder decoder(SecurityProperties properties, Clock clock) {
        WebClient jwksClient = WebClient.builder()
                .filter(new JwksFetchThrottle(properties.jwksRefetchInterval(), clock))
                .build();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUrl())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(jwksClient)
                .build();
        decoder.setJwtValidator(validator(properties));
        return token -> token.length() > MAX_TOKEN_LENGTH
                ? Mono.error(new BadJwtException("The token is longer than " + MAX_TOKEN_LENGTH + " characters"))
                : decoder.decode(token);
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        validators.add(TokenVerifier::requireSubject);
        if (!properties.authorizedParties().isEmpty()) {
            validators.add(jwt -> requireAuthorizedParty(jwt, properties.authorizedParties()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static OAuth2TokenValidatorResult requireSubject(Jwt jwt) {
        String subject = jwt.getSubject();
        return subject == null || subject.isBlank()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no subject", null))
                : OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult requireAuthorizedParty(Jwt jwt, List<String> allowed) {
        Object azp = jwt.getClaims().get("azp");
        return azp instanceof String party && allowed.contains(party)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token was issued for another origin (azp)", null));
    }
}
