package com.astro.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.astro.presence.PresenceIntegrationTest;

/**
 * chat-service sets an astrologer's presence for their socket with the service credential, never with the user's
 * token (which may have expired while the socket lives on); without the credential nothing changes.
 */
class InternalPresenceTest extends PresenceIntegrationTest {

    private static final String CREDENTIAL = "dev-presence-credential";

    @Test
    void theServiceCredentialSetsTheAstrologerOnlineAndOfflineWithoutAUserToken() {
        String id = newAstrologerId();

        call(id, "online", CREDENTIAL).expectStatus().isOk().expectBody().jsonPath("$.online").isEqualTo(true);
        assertThat(stored(id).online()).isTrue();
        assertThat(stored(id).displayName()).isEqualTo("Asha");

        call(id, "offline", CREDENTIAL).expectStatus().isOk().expectBody().jsonPath("$.online").isEqualTo(false);
        assertThat(stored(id).online()).isFalse();
    }

    @Test
    void aWrongCredentialIs401ProblemDetailsAndChangesNothing() {
        String id = newAstrologerId();

        call(id, "online", "dev-presence-credentiaL").expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored(id)).isNull();
    }

    @Test
    void aValidUserTokenWithoutTheCredentialIs401AndChangesNothing() {
        String id = newAstrologerId();

        web.post().uri("/internal/v1/astrologers/{id}/online", id).headers(h -> h.setBearerAuth(astrologerToken(id)))
                .exchange().expectStatus().isUnauthorized();
        assertThat(stored(id)).isNull();
    }

    @Test
    void aBadAstrologerIdIs400EvenWithTheCredential() {
        call("x".repeat(200), "online", CREDENTIAL).expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec call(String id, String state,
            String credential) {
        return web.post().uri("/internal/v1/astrologers/{id}/{state}", id, state)
                .header(InternalPresenceController.CREDENTIAL_HEADER, credential)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"displayName\":\"Asha\"}").exchange();
    }
}
