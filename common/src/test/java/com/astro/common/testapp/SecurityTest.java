package com.astro.common.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

import com.astro.infra.BadTokens;
import com.astro.infra.TestInfra;
import com.nimbusds.jwt.JWTClaimsSet;

/** A service called directly verifies tokens itself: every bad token is 401 problem details. */
class SecurityTest extends TestAppTest {

    static Stream<Arguments> badTokens() {
        return BadTokens.of(TestInfra.shared().issuer()).all().entrySet().stream()
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("badTokens")
    void badTokenIsRejectedWith401ProblemDetails(String defect, String token) {
        if (token.length() > 8192) {
            // longer than an HTTP header may be here: the server refuses the request before security sees it
            client.get().uri("/things/me").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(431);
            return;
        }
        client.get().uri("/things/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("A valid bearer token is required"))
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void noTokenIs401ProblemDetails() {
        client.get().uri("/things/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("A valid bearer token is required");
    }

    @Test
    void aValidTokenMakesTheSubjectTheCurrentUser() {
        client.get().uri("/things/me").header("Authorization", "Bearer " + issuer().mint("astro_7", "astrologer", "Asha"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("astro_7")
                .jsonPath("$.role").isEqualTo("ASTROLOGER")
                .jsonPath("$.displayName").isEqualTo("Asha");
    }

    @Test
    void aTokenWithoutARoleIsAUser() {
        JWTClaimsSet claims = BadTokens.of(issuer()).valid();
        String token = issuer().mint(new JWTClaimsSet.Builder(claims).claim("role", null).build());
        client.get().uri("/things/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("USER");
    }

    @Test
    void theRightRoleOpensARoleProtectedEndpoint() {
        client.get().uri("/things/astrologers-only").header("Authorization", "Bearer " + token("astrologer")).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("hello user_1");
    }

    @Test
    void anotherRoleIs403ProblemDetails() {
        client.get().uri("/things/astrologers-only").header("Authorization", "Bearer " + token("user")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("You are not allowed to do this");
    }

    @Test
    void anUnknownRoleIsAuthenticatedButHasNoRole() {
        String token = issuer().mint("user_1", "superuser", null);
        client.get().uri("/things/me").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("UNKNOWN");
        client.get().uri("/things/astrologers-only").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthAndProbesAreOpen() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
