package com.astro.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Clerk: an RS256 key pair, its JWKS at {@code /.well-known/jwks.json}, and
 * {@code POST /dev/tokens} {@code {"sub":"astro_1","role":"astrologer","name":"Asha"}} answering
 * {@code {"token":"<JWT>"}}. Only the dev stack and tests run it.
 */
public final class DevIssuer implements AutoCloseable {

    public static final String JWKS_PATH = "/.well-known/jwks.json";

    public static final String TOKENS_PATH = "/dev/tokens";

    private static final Set<String> ROLES = Set.of("user", "astrologer", "admin");

    private static final Duration DEFAULT_TTL = Duration.ofHours(8);

    /** The key new tokens are signed with; rotation replaces it. */
    private volatile RSAKey key;

    /** Keys rotated out, still published so tokens they signed stay verifiable (as Clerk does). */
    private final List<RSAKey> retired = new CopyOnWriteArrayList<>();

    private final HttpServer server;

    private final String issuer;

    private final String authorizedParty;

    private final AtomicInteger jwksFetches = new AtomicInteger();

    /** A second published key that signs nothing valid: real issuers publish several keys. */
    private final RSAKey secondKey = generateKey();

    private DevIssuer(RSAKey key, HttpServer server, String issuer, String authorizedParty) {
        this.key = key;
        this.retired.add(secondKey);
        this.server = server;
        this.issuer = issuer;
        this.authorizedParty = authorizedParty;
    }

    /**
     * Starts the issuer on 127.0.0.1:port (0 picks a free port). The issuer claim is
     * {@code http://localhost:<port>}; {@code authorizedParty} goes into {@code azp} (null leaves it out).
     */
    public static DevIssuer start(int port, String authorizedParty) {
        try {
            RSAKey key = generateKey();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "dev-issuer");
                thread.setDaemon(true);
                return thread;
            }));
            String issuer = "http://localhost:" + server.getAddress().getPort();
            DevIssuer devIssuer = new DevIssuer(key, server, issuer, authorizedParty);
            server.createContext(JWKS_PATH, devIssuer::serveJwks);
            server.createContext(TOKENS_PATH, devIssuer::serveToken);
            server.start();
            return devIssuer;
        }
        catch (IOException ex) {
            throw new IllegalStateException("dev issuer could not listen on port " + port, ex);
        }
    }

    static RSAKey generateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .build();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return issuer + JWKS_PATH;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String authorizedParty() {
        return authorizedParty;
    }

    /** The current signing key, public and private parts, for tests that forge tokens on purpose. */
    public RSAKey key() {
        return key;
    }

    /**
     * Rotates the signing key: a new RS256 key with a new {@code kid} signs every token minted from now
     * on and is served from the JWKS URL alongside the previous keys. A verifier that cached the old
     * set sees an unknown {@code kid} on the next new token and must refetch the set to accept it.
     *
     * @return the new key
     */
    public synchronized RSAKey rotateKey() {
        retired.add(0, key);
        key = generateKey();
        return key;
    }

    /** A key the JWKS URL serves besides the signing key, for tests of tokens signed by a published key for the wrong reasons. */
    public RSAKey secondKey() {
        return secondKey;
    }

    /** Every key the JWKS URL serves now, current first. */
    public JWKSet publishedKeys() {
        List<JWK> keys = new ArrayList<>();
        keys.add(key.toPublicJWK());
        retired.forEach(old -> keys.add(old.toPublicJWK()));
        return new JWKSet(keys);
    }

    /** How many times the JWKS URL has been fetched, so tests can prove keys are cached and refetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A valid token for {@code sub} with {@code role}; {@code name} may be null. */
    public String mint(String sub, String role, String name) {
        return mint(claims(sub, role, name, Instant.now(), DEFAULT_TTL).build());
    }

    /** The claims a valid token carries, for tests that change one of them. */
    public JWTClaimsSet.Builder claims(String sub, String role, String name, Instant issuedAt, Duration ttl) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(sub)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt.minusSeconds(5)))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("role", role);
        if (name != null) {
            claims.claim("name", name);
        }
        if (authorizedParty != null) {
            claims.claim("azp", authorizedParty);
        }
        return claims;
    }

    /** Signs any claims with the issuer's key (RS256, the key id in the header). */
    public String mint(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signs with another key, carrying that key's own id, for wrong-signature tests. */
    public static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT)
                    .build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A fresh RS256 key that this issuer does not publish. */
    public static RSAKey strangerKey() {
        return generateKey();
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            return;
        }
        jwksFetches.incrementAndGet();
        respond(exchange, 200, publishedKeys().toString());
    }

    private void serveToken(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, problem(405, "Use POST with {\"sub\":\"...\",\"role\":\"user|astrologer|admin\"}"));
            return;
        }
        Map<String, Object> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSONObjectUtils.parse(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
        }
        catch (ParseException | RuntimeException ex) {
            respond(exchange, 400, problem(400, "Body must be JSON: {\"sub\":\"...\",\"role\":\"user|astrologer|admin\"}"));
            return;
        }
        Object sub = body.get("sub");
        Object role = body.getOrDefault("role", "user");
        Object name = body.get("name");
        if (!(sub instanceof String subject) || subject.isBlank() || subject.length() > 128) {
            respond(exchange, 400, problem(400, "sub must be a non-empty string of at most 128 characters"));
            return;
        }
        if (!(role instanceof String roleName) || !ROLES.contains(roleName)) {
            respond(exchange, 400, problem(400, "role must be one of user, astrologer, admin"));
            return;
        }
        if (name != null && !(name instanceof String)) {
            respond(exchange, 400, problem(400, "name must be a string"));
            return;
        }
        String token = mint(subject, roleName, (String) name);
        respond(exchange, 200, "{\"token\":\"" + token + "\"}");
    }

    private static String problem(int status, String detail) {
        return "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
