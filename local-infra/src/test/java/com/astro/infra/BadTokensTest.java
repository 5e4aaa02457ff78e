package com.astro.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Each bad token has exactly the defect its name says; the verifier tests in common rely on it. */
class BadTokensTest {

    static DevIssuer issuer;

    static BadTokens bad;

    @BeforeAll
    static void start() {
        issuer = DevIssuer.start(0, "http://localhost:3000");
        bad = BadTokens.of(issuer);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void expiredTokenIsCorrectlySignedButPastItsExpiry() throws Exception {
        SignedJWT jwt = SignedJWT.parse(bad.expired());
        assertThat(jwt.verify(new RSASSAVerifier(issuer.key()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
    }

    @Test
    void notYetValidTokenHasNotBeforeInTheFuture() throws Exception {
        SignedJWT jwt = SignedJWT.parse(bad.notYetValid());
        assertThat(jwt.verify(new RSASSAVerifier(issuer.key()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getNotBeforeTime()).isAfter(new Date(System.currentTimeMillis() + 300_000));
    }

    @Test
    void strangerTokensDoNotVerifyWithTheIssuerKey() throws Exception {
        SignedJWT sameKid = SignedJWT.parse(bad.strangerKeyWithIssuerKid());
        SignedJWT ownKid = SignedJWT.parse(bad.strangerKeyWithOwnKid());
        assertThat(sameKid.getHeader().getKeyID()).isEqualTo(issuer.key().getKeyID());
        assertThat(sameKid.verify(new RSASSAVerifier(issuer.key()))).isFalse();
        assertThat(ownKid.getHeader().getKeyID()).isNotEqualTo(issuer.key().getKeyID());
        assertThat(ownKid.verify(new RSASSAVerifier(issuer.key()))).isFalse();
    }

    @Test
    void algNoneTokenIsUnsecured() throws Exception {
        assertThat(JWTParser.parse(bad.algNone())).isInstanceOf(PlainJWT.class);
        assertThat(bad.algNone()).endsWith(".");
    }

    @Test
    void keyConfusionTokensAreHs256WithTheIssuerKid() throws Exception {
        for (String token : new String[] { bad.hs256WithPublicKeyPem(), bad.hs256WithPublicKeyDer() }) {
            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
            assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.key().getKeyID());
        }
    }

    @Test
    void claimDefectsAreTheOnlyDefect() throws Exception {
        assertThat(SignedJWT.parse(bad.wrongIssuer()).getJWTClaimsSet().getIssuer()).isNotEqualTo(issuer.issuer());
        assertThat(SignedJWT.parse(bad.wrongAuthorizedParty()).getJWTClaimsSet().getStringClaim("azp"))
                .isEqualTo(BadTokens.STRANGER_ORIGIN);
        assertThat(SignedJWT.parse(bad.missingAuthorizedParty()).getJWTClaimsSet().getClaim("azp")).isNull();
        assertThat(SignedJWT.parse(bad.missingSubject()).getJWTClaimsSet().getSubject()).isNull();
        for (String token : new String[] { bad.wrongIssuer(), bad.wrongAuthorizedParty(), bad.missingSubject() }) {
            assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(issuer.key()))).isTrue();
        }
    }

    @Test
    void tamperedPayloadNoLongerMatchesItsSignature() throws Exception {
        SignedJWT jwt = SignedJWT.parse(bad.tamperedPayload());
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("admin_1");
        assertThat(jwt.verify(new RSASSAVerifier(issuer.key()))).isFalse();
    }

    @Test
    void malformedTokensDoNotParse() {
        for (String token : new String[] { bad.notAJwt(), bad.garbageSegments(), bad.twoSegments(), bad.payloadNotJson() }) {
            assertThatThrownBy(() -> JWTParser.parse(token).getJWTClaimsSet()).as(token).isInstanceOf(Exception.class);
        }
    }

    @Test
    void allNamesEveryBadTokenOnce() {
        assertThat(bad.all()).hasSize(32).doesNotContainValue(null);
    }

    @Test
    void rotationServesTheNewKidFromTheJwksUrlAndKeepsTheOldOne() throws Exception {
        DevIssuer rotating = DevIssuer.start(0, null);
        try (rotating) {
            String oldKid = rotating.key().getKeyID();
            String newKid = rotating.rotateKey().getKeyID();
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(rotating.jwksUrl())).build(), HttpResponse.BodyHandlers.ofString());
            JWKSet served = JWKSet.parse(jwks.body());
            assertThat(served.getKeyByKeyId(newKid)).isNotNull();
            assertThat(served.getKeyByKeyId(oldKid)).isNotNull();
            assertThat(served.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
            assertThat(SignedJWT.parse(rotating.mint("u", "user", null)).getHeader().getKeyID()).isEqualTo(newKid);
            assertThat(rotating.jwksFetches()).isEqualTo(1);
        }
    }
}
