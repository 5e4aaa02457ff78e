package com.astro.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.astro.infra.BadTokens;
import com.astro.infra.DevIssuer;
import com.astro.infra.MutableClock;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

import reactor.test.StepVerifier;

/**
 * The decoder every service and the gateway build, against a dev issuer of its own serving its JWKS
 * over HTTP: RS256 only, keys cached, an unknown kid refetches the set (at most once per interval), azp checked
 * only when configured.
 */
class TokenVerifierTest {

    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

    private static DevIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = DevIssuer.start(0, "http://localhost:3000");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private final MutableClock clock = MutableClock.startingNow();

    private ReactiveJwtDecoder decoder(List<String> authorizedParties, String roleClaim) {
        return TokenVerifier.decoder(new SecurityProperties(issuer.jwksUrl(), issuer.issuer(), authorizedParties,
                roleClaim, List.of(), REFETCH_INTERVAL), clock);
    }

    private ReactiveJwtDecoder decoder() {
        return decoder(List.of("http://localhost:3000"), "role");
    }

    @Test
    void keysAreFetchedOnceAndCached() {
        ReactiveJwtDecoder decoder = decoder();
        int before = issuer.jwksFetches();
        for (int i = 0; i < 5; i++) {
            StepVerifier.create(decoder.decode(issuer.mint("user_" + i, "user", null))).expectNextCount(1).verifyComplete();
        }
        assertThat(issuer.jwksFetches() - before).isEqualTo(1);
    }

    @Test
    void aTokenSignedWithARotatedKeyIsAcceptedAfterRefetchingTheKeySet() {
        ReactiveJwtDecoder decoder = decoder();
        int before = issuer.jwksFetches();
        StepVerifier.create(decoder.decode(issuer.mint("user_1", "user", null))).expectNextCount(1).verifyComplete();
        String newKid = issuer.rotateKey().getKeyID();
        String rotated = issuer.mint("user_2", "user", null);
        clock.advance(REFETCH_INTERVAL);

        StepVerifier.create(decoder.decode(rotated))
                .assertNext(jwt -> {
                    assertThat(jwt.getSubject()).isEqualTo("user_2");
                    assertThat(jwt.getHeaders()).containsEntry("kid", newKid);
                })
                .verifyComplete();
        assertThat(issuer.jwksFetches() - before).isEqualTo(2);
    }

    @Test
    void tokensWithUnknownKidsCauseAtMostOneKeySetFetchPerInterval() {
        ReactiveJwtDecoder decoder = decoder();
        int before = issuer.jwksFetches();
        StepVerifier.create(decoder.decode(issuer.mint("user_1", "user", null))).expectNextCount(1).verifyComplete();
        RSAKey stranger = DevIssuer.strangerKey();
        for (int i = 0; i < 20; i++) {
            StepVerifier.create(decoder.decode(signedWithUnknownKid(stranger, "first-" + i))).expectError(JwtException.class).verify();
        }
        assertThat(issuer.jwksFetches() - before).as("fetches within the first interval").isEqualTo(1);

        clock.advance(REFETCH_INTERVAL);
        for (int i = 0; i < 20; i++) {
            StepVerifier.create(decoder.decode(signedWithUnknownKid(stranger, "next-" + i))).expectError(JwtException.class).verify();
        }
        assertThat(issuer.jwksFetches() - before).as("fetches after one more interval").isEqualTo(2);
    }

    private static String signedWithUnknownKid(RSAKey key, String kid) {
        return DevIssuer.sign(BadTokens.of(issuer).valid(), new RSAKey.Builder(key).keyID(kid).build());
    }

    @Test
    void aNewKeyIsNotFetchedBeforeTheIntervalHasPassed() {
        ReactiveJwtDecoder decoder = decoder();
        StepVerifier.create(decoder.decode(issuer.mint("user_1", "user", null))).expectNextCount(1).verifyComplete();
        issuer.rotateKey();
        String rotated = issuer.mint("user_2", "user", null);

        StepVerifier.create(decoder.decode(rotated)).expectError(JwtException.class).verify();
        clock.advance(REFETCH_INTERVAL);
        StepVerifier.create(decoder.decode(rotated)).expectNextCount(1).verifyComplete();
    }

    @Test
    void aStrangerKidIsRejectedAfterTheRefetchFindsNothing() {
        ReactiveJwtDecoder decoder = decoder();
        StepVerifier.create(decoder.decode(BadTokens.of(issuer).strangerKeyWithOwnKid())).expectError(JwtException.class).verify();
    }

    @Test
    void algNoneIsRejected() {
        StepVerifier.create(decoder().decode(BadTokens.of(issuer).algNone())).expectError(BadJwtException.class).verify();
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() {
        BadTokens bad = BadTokens.of(issuer);
        StepVerifier.create(decoder().decode(bad.hs256WithPublicKeyPem())).expectError(JwtException.class).verify();
        StepVerifier.create(decoder().decode(bad.hs256WithPublicKeyDer())).expectError(JwtException.class).verify();
    }

    @Test
    void everyBadTokenIsRejected() {
        ReactiveJwtDecoder decoder = decoder();
        for (Map.Entry<String, String> bad : BadTokens.of(issuer).all().entrySet()) {
            StepVerifier.create(decoder.decode(bad.getValue())).as(bad.getKey()).expectError(JwtException.class).verify();
        }
    }

    @Test
    void azpIsNotCheckedWhenNoAuthorizedPartiesAreConfigured() {
        ReactiveJwtDecoder open = decoder(List.of(), "role");
        BadTokens bad = BadTokens.of(issuer);
        StepVerifier.create(open.decode(bad.wrongAuthorizedParty())).expectNextCount(1).verifyComplete();
        StepVerifier.create(open.decode(bad.missingAuthorizedParty())).expectNextCount(1).verifyComplete();
    }

    @Test
    void azpMustBeOneOfTheConfiguredParties() {
        ReactiveJwtDecoder strict = decoder(List.of("https://app.example", "http://localhost:3000"), "role");
        StepVerifier.create(strict.decode(issuer.mint("user_1", "user", null))).expectNextCount(1).verifyComplete();
        StepVerifier.create(strict.decode(BadTokens.of(issuer).wrongAuthorizedParty()))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("azp")).verify();
    }

    @Test
    void aNestedRoleClaimIsReadByItsDottedPath() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(BadTokens.of(issuer).valid())
                .claim("role", null)
                .claim("public_metadata", Map.of("role", "astrologer"))
                .build();
        Jwt jwt = decoder().decode(issuer.mint(claims)).block();
        assertThat(new JwtUserConverter("public_metadata.role").toUser(jwt).role()).isEqualTo(Role.ASTROLOGER);
        assertThat(new JwtUserConverter("role").toUser(jwt).role()).isEqualTo(Role.USER);
    }

    @Test
    void roleClaimsMapToRolesAndAuthorities() {
        assertThat(Role.fromClaim("admin")).isEqualTo(Role.ADMIN);
        assertThat(Role.fromClaim("astrologer")).isEqualTo(Role.ASTROLOGER);
        assertThat(Role.fromClaim(null)).isEqualTo(Role.USER);
        assertThat(Role.fromClaim("ADMIN")).isEqualTo(Role.UNKNOWN);
        assertThat(Role.fromClaim(List.of("admin"))).isEqualTo(Role.UNKNOWN);
        Jwt jwt = decoder().decode(issuer.mint("user_1", "superuser", null)).block();
        UserAuthentication authentication = new UserAuthentication(new JwtUserConverter("role").toUser(jwt), jwt);
        assertThat(authentication.getAuthorities()).isEmpty();
        assertThat(authentication.getName()).isEqualTo("user_1");
    }
}
