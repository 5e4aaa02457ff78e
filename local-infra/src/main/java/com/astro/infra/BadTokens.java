package com.astro.infra;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Every kind of token a verifier must refuse, made from a {@link DevIssuer} so that everything
 * except the one defect is right (issuer, azp, subject, lifetime, key id). Use {@link #all()} for a
 * parameterized test that expects 401 for each:
 *
 * <pre>{@code
 * static Stream<Arguments> badTokens() {
 *     return BadTokens.of(TestInfra.shared().issuer()).all().entrySet().stream()
 *             .map(e -> Arguments.of(e.getKey(), e.getValue()));
 * }
 * }</pre>
 *
 * Each call mints a fresh token (new {@code jti}, current time), so tokens can be made at any time.
 */
public final class BadTokens {

    /** The origin put in {@code azp} by {@link #wrongAuthorizedParty()}. */
    public static final String STRANGER_ORIGIN = "https://evil.example";

    /** Well past the 60 s clock skew verifiers usually allow. */
    private static final Duration FAR = Duration.ofMinutes(10);

    private final DevIssuer issuer;

    private final String subject;

    private final String role;

    public BadTokens(DevIssuer issuer, String subject, String role) {
        this.issuer = issuer;
        this.subject = subject;
        this.role = role;
    }

    /** Bad tokens for {@code user_bad} with role {@code user}. */
    public static BadTokens of(DevIssuer issuer) {
        return new BadTokens(issuer, "user_bad", "user");
    }

    /** Every bad token by a readable name, in a stable order. */
    public Map<String, String> all() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", expired());
        tokens.put("not yet valid", notYetValid());
        tokens.put("signed by a stranger key with the issuer's kid", strangerKeyWithIssuerKid());
        tokens.put("signed by a stranger key with its own kid", strangerKeyWithOwnKid());
        tokens.put("alg none", algNone());
        tokens.put("HS256 signed with the issuer's public key (PEM)", hs256WithPublicKeyPem());
        tokens.put("HS256 signed with the issuer's public key (DER)", hs256WithPublicKeyDer());
        tokens.put("wrong issuer", wrongIssuer());
        tokens.put("wrong azp", wrongAuthorizedParty());
        tokens.put("missing azp", missingAuthorizedParty());
        tokens.put("missing sub", missingSubject());
        tokens.put("blank sub", blankSubject());
        tokens.put("tampered payload", tamperedPayload());
        tokens.put("not a JWT", notAJwt());
        tokens.put("garbage segments", garbageSegments());
        tokens.put("two segments", twoSegments());
        tokens.put("payload not JSON", payloadNotJson());
        tokens.put("RS384 signed with the issuer's key", signedByIssuerKeyWith(JWSAlgorithm.RS384));
        tokens.put("PS256 signed with the issuer's key", signedByIssuerKeyWith(JWSAlgorithm.PS256));
        tokens.put("ES256 signed by an EC key claiming the issuer's kid", es256WithIssuerKid());
        tokens.put("jku header pointing at the attacker's key set", strangerKeyWithHeader("jku"));
        tokens.put("x5u header pointing at the attacker's certificate", strangerKeyWithHeader("x5u"));
        tokens.put("embedded jwk header with the attacker's key", strangerKeyEmbedded());
        tokens.put("kid path traversal, HS256 with an empty key", hmacWithKid("../../../../../../dev/null", new byte[32]));
        tokens.put("kid SQL injection, HS256 with the injected secret", hmacWithKid("x' UNION SELECT 'secretsecretsecretsecretsecret12' --",
                "secretsecretsecretsecretsecret12".getBytes(StandardCharsets.US_ASCII)));
        tokens.put("crit header naming an unknown extension", unknownCriticalHeader());
        tokens.put("expired just past the 60 s skew", expiredJustPastSkew());
        tokens.put("100 KB token", hundredKilobytes());
        tokens.put("duplicate sub key in the payload", duplicateSubject());
        tokens.put("another issuer signed by a second key of the same JWKS", otherIssuerBySecondKey());
        tokens.put("alg nOnE in mixed case", mixedCaseNone());
        tokens.put("RS256 header with the signature stripped", signatureStripped());
        return tokens;
    }

    /** Expired ten minutes ago. */
    public String expired() {
        Instant issuedAt = Instant.now().minus(Duration.ofHours(1));
        return issuer.mint(claims(issuedAt, Duration.ofMinutes(50)).build());
    }

    /** {@code nbf} ten minutes in the future. */
    public String notYetValid() {
        Instant now = Instant.now();
        return issuer.mint(claims(now, Duration.ofHours(1)).notBeforeTime(Date.from(now.plus(FAR))).build());
    }

    /** Signed by a key the issuer never published, claiming the issuer's current {@code kid}. */
    public String strangerKeyWithIssuerKid() {
        RSAKey stranger = new RSAKey.Builder(DevIssuer.strangerKey()).keyID(issuer.key().getKeyID()).build();
        return DevIssuer.sign(valid(), stranger);
    }

    /** Signed by a key the issuer never published, with that key's own {@code kid}. */
    public String strangerKeyWithOwnKid() {
        return DevIssuer.sign(valid(), DevIssuer.strangerKey());
    }

    /** An unsecured JWT: header {@code {"alg":"none"}}, empty signature. */
    public String algNone() {
        return new PlainJWT(valid()).serialize();
    }

    /**
     * The key-confusion attack: HS256 with the issuer's public key as the HMAC secret, here its
     * PEM text (what naive libraries read from a key file), with the issuer's {@code kid}.
     */
    public String hs256WithPublicKeyPem() {
        return hmacWithKid(issuer.key().getKeyID(), publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    /** The key-confusion attack with the DER (X.509 SubjectPublicKeyInfo) bytes of the public key. */
    public String hs256WithPublicKeyDer() {
        return hmacWithKid(issuer.key().getKeyID(), publicKeyDer());
    }

    /** Signed correctly but claiming another issuer. */
    public String wrongIssuer() {
        return issuer.mint(claims(Instant.now(), Duration.ofHours(1)).issuer("https://stranger.example").build());
    }

    /** Signed correctly but asked for by another origin ({@link #STRANGER_ORIGIN}). */
    public String wrongAuthorizedParty() {
        return issuer.mint(claims(Instant.now(), Duration.ofHours(1)).claim("azp", STRANGER_ORIGIN).build());
    }

    /** Signed correctly, no {@code azp}: refused when authorized parties are configured. */
    public String missingAuthorizedParty() {
        return issuer.mint(claims(Instant.now(), Duration.ofHours(1)).claim("azp", null).build());
    }

    /** Signed correctly, no {@code sub}. */
    public String missingSubject() {
        return issuer.mint(claims(Instant.now(), Duration.ofHours(1)).subject(null).build());
    }

    /** Signed correctly, {@code sub} is blank. */
    public String blankSubject() {
        return issuer.mint(claims(Instant.now(), Duration.ofHours(1)).subject(" ").build());
    }

    /** A valid token whose payload was swapped for another subject's after signing. */
    public String tamperedPayload() {
        String[] parts = issuer.mint(valid()).split("\\.");
        JWTClaimsSet other = claims(Instant.now(), Duration.ofHours(1)).subject("admin_1").claim("role", "admin").build();
        return parts[0] + "." + base64Url(other.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    public String notAJwt() {
        return "not-a-jwt";
    }

    public String garbageSegments() {
        return "abc.def.ghi";
    }

    public String twoSegments() {
        String[] parts = issuer.mint(valid()).split("\\.");
        return parts[0] + "." + parts[1];
    }

    /** A well-formed RS256 header and a signature over a payload that is not JSON. */
    public String payloadNotJson() {
        return signedRaw("{\"alg\":\"RS256\",\"kid\":\"" + issuer.key().getKeyID() + "\",\"typ\":\"JWT\"}",
                "this is not json");
    }

    /** A valid signature by the issuer's own key, but with an algorithm other than RS256. */
    public String signedByIssuerKeyWith(JWSAlgorithm algorithm) {
        return signed(new JWSHeader.Builder(algorithm).keyID(issuer.key().getKeyID()).type(JOSEObjectType.JWT).build(),
                valid(), () -> new RSASSASigner(issuer.key()));
    }

    /** ES256 by an elliptic-curve key the issuer never published, claiming the issuer's {@code kid}. */
    public String es256WithIssuerKid() {
        return signed(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(issuer.key().getKeyID()).type(JOSEObjectType.JWT).build(),
                valid(), () -> new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
    }

    /** Signed by a stranger key whose location a {@code jku} or {@code x5u} header offers: a verifier must not follow it. */
    public String strangerKeyWithHeader(String header) {
        RSAKey stranger = DevIssuer.strangerKey();
        JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).type(JOSEObjectType.JWT);
        URI attacker = URI.create("https://attacker.example/" + header);
        builder = "jku".equals(header) ? builder.jwkURL(attacker) : builder.x509CertURL(attacker);
        return signed(builder.build(), valid(), () -> new RSASSASigner(stranger));
    }

    /** Signed by a stranger key that is embedded in the header ({@code jwk}): a verifier must not trust it. */
    public String strangerKeyEmbedded() {
        RSAKey stranger = DevIssuer.strangerKey();
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(stranger.getKeyID()).jwk(stranger.toPublicJWK())
                .type(JOSEObjectType.JWT).build(), valid(), () -> new RSASSASigner(stranger));
    }

    /** HS256 with a {@code kid} crafted for verifiers that look keys up by it in files or databases. */
    public String hmacWithKid(String kid, byte[] secret) {
        return signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT).build(), valid(),
                () -> new MACSigner(secret));
    }

    /** Validly signed, with a {@code crit} header naming an extension no verifier here understands. */
    public String unknownCriticalHeader() {
        return signed(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.key().getKeyID()).type(JOSEObjectType.JWT)
                .criticalParams(Set.of("https://attacker.example/ignore-expiry"))
                .customParam("https://attacker.example/ignore-expiry", true).build(), valid(), () -> new RSASSASigner(issuer.key()));
    }

    /** Expired 61 s ago: just outside a 60 s clock skew. */
    public String expiredJustPastSkew() {
        Instant expiry = Instant.now().minusSeconds(61);
        return issuer.mint(claims(expiry.minus(Duration.ofMinutes(5)), Duration.ofMinutes(5)).build());
    }

    /** Validly signed, but 100 KB long (a claim of padding): verifiers refuse tokens far larger than real ones. */
    public String hundredKilobytes() {
        return issuer.mint(claims(Instant.now(), Duration.ofHours(1)).claim("padding", "x".repeat(100 * 1024)).build());
    }

    /** Validly signed payload with {@code sub} twice (a lenient parser might read either). */
    public String duplicateSubject() {
        String payload = valid().toString();
        String duplicated = "{\"sub\":\"admin_1\"," + payload.substring(1);
        return signedRaw("{\"alg\":\"RS256\",\"kid\":\"" + issuer.key().getKeyID() + "\",\"typ\":\"JWT\"}", duplicated);
    }

    /** Signed correctly by a second key the issuer publishes, but claiming another issuer. */
    public String otherIssuerBySecondKey() {
        return DevIssuer.sign(claims(Instant.now(), Duration.ofHours(1)).issuer("https://stranger.example").build(),
                issuer.secondKey());
    }

    /** An unsecured JWT whose {@code alg} is "nOnE", for verifiers that compare case-sensitively in one place only. */
    public String mixedCaseNone() {
        return base64Url("{\"alg\":\"nOnE\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(valid().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A valid token with its signature removed. */
    public String signatureStripped() {
        String[] parts = issuer.mint(valid()).split("\\.");
        return parts[0] + "." + parts[1] + ".";
    }

    /** The claims of a token that would be accepted, to change one thing in. */
    public JWTClaimsSet valid() {
        return claims(Instant.now(), Duration.ofHours(1)).build();
    }

    private JWTClaimsSet.Builder claims(Instant issuedAt, Duration ttl) {
        return issuer.claims(subject, role, null, issuedAt, ttl);
    }

    /** Makes a signer; Nimbus signers may refuse their key when made. */
    private interface Signer {

        JWSSigner create() throws JOSEException;
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims, Signer signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer.create());
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Signs header and payload text exactly as given (for JSON no library would write) with the issuer's key. */
    private String signedRaw(String headerJson, String payloadJson) {
        String header = base64Url(headerJson.getBytes(StandardCharsets.UTF_8));
        String payload = base64Url(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] signature = new RSASSASigner(issuer.key())
                    .sign(new JWSHeader(JWSAlgorithm.RS256), (header + "." + payload).getBytes(StandardCharsets.US_ASCII))
                    .decode();
            return header + "." + payload + "." + base64Url(signature);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private byte[] publicKeyDer() {
        try {
            return issuer.key().toRSAPublicKey().getEncoded();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKeyDer());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
