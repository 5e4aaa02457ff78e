package com.astro.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import com.astro.infra.DevIssuer;
import com.astro.infra.TestInfra;
import com.astro.presence.astrologer.AstrologerPresence;

class PresenceApiTest extends PresenceIntegrationTest {

    @Test
    void healthIsOpenWithoutToken() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void astrologerGoesOnlineWithTheNameFromTheirToken() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", token(id, "astrologer", "Asha"))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.displayName").isEqualTo("Asha")
                .jsonPath("$.online").isEqualTo(true)
                .jsonPath("$.busy").isEqualTo(false)
                .jsonPath("$.lastSeen").isEqualTo(clock.instant().toString())
                .jsonPath("$.version").isEqualTo(1);
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void astrologerGoesOfflineWithLastSeenSet() {
        String id = newAstrologerId();
        goOnline(id);
        clock.advance(Duration.ofMinutes(5));
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.online").isEqualTo(false)
                .jsonPath("$.lastSeen").isEqualTo(clock.instant().toString())
                .jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void goingOnlineTwiceChangesNothingTheSecondTime() {
        String id = newAstrologerId();
        goOnline(id);
        post("/api/v1/astrologers/" + id + "/online", astrologerToken(id))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.online").isEqualTo(true).jsonPath("$.version").isEqualTo(1);
        assertThat(stored(id).version()).isEqualTo(1);
    }

    @Test
    void goingOfflineTwiceChangesNothingTheSecondTime() {
        String id = newAstrologerId();
        goOnline(id);
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id)).expectStatus().isOk();
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(id))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.online").isEqualTo(false).jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void adminMaySetAnAstrologerNeverSeenOnline() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", adminToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.online").isEqualTo(true).jsonPath("$.displayName").doesNotExist();
    }

    @Test
    void adminMaySetAnAstrologerOfflineWithoutTakingTheirName() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", token(id, "astrologer", "Asha")).expectStatus().isOk();
        post("/api/v1/astrologers/" + id + "/offline", adminToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.online").isEqualTo(false).jsonPath("$.displayName").isEqualTo("Asha");
    }

    @Test
    void anotherAstrologerMayNotSetSomeoneOnline() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", astrologerToken(newAstrologerId()))
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");
        assertThat(stored(id)).isNull();
    }

    @Test
    void anotherAstrologerMayNotSetSomeoneOffline() {
        String id = newAstrologerId();
        goOnline(id);
        post("/api/v1/astrologers/" + id + "/offline", astrologerToken(newAstrologerId())).expectStatus().isForbidden();
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void aUserMayNotSetAnAstrologerOffline() {
        String id = newAstrologerId();
        goOnline(id);
        post("/api/v1/astrologers/" + id + "/offline", userToken()).expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");
        assertThat(stored(id).online()).isTrue();
        assertThat(stored(id).version()).isEqualTo(1);
    }

    @Test
    void anUnknownRoleMayNotGoOfflineEvenForItself() {
        String id = newAstrologerId();
        goOnline(id);
        post("/api/v1/astrologers/" + id + "/offline", token(id, "psychic", null)).expectStatus().isForbidden();
        assertThat(stored(id).online()).isTrue();
    }

    @Test
    void aUserMayNotSetAnAstrologerOnline() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", userToken()).expectStatus().isForbidden();
        assertThat(stored(id)).isNull();
    }

    @Test
    void aUserWhoseIdMatchesMayStillNotGoOnline() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", token(id, "user", null)).expectStatus().isForbidden();
        assertThat(stored(id)).isNull();
    }

    @Test
    void anUnknownRoleMayNotGoOnlineEvenForItself() {
        String id = newAstrologerId();
        post("/api/v1/astrologers/" + id + "/online", token(id, "psychic", null))
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");
        assertThat(stored(id)).isNull();
    }

    @Test
    void noTokenGets401OnEveryEndpoint() {
        String id = newAstrologerId();
        web.post().uri("/api/v1/astrologers/" + id + "/online").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
        web.post().uri("/api/v1/astrologers/" + id + "/offline").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/astrologers/online").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/astrologers/" + id).exchange().expectStatus().isUnauthorized();
        web.put().uri("/api/v1/astrologers/" + id + "/rates").header("Content-Type", "application/json")
                .bodyValue("{\"chat\":10}").exchange().expectStatus().isUnauthorized();
        assertThat(stored(id)).isNull();
    }

    @Test
    void aForgedTokenGets401() {
        String id = newAstrologerId();
        String forged = DevIssuer.sign(TestInfra.shared().issuer()
                .claims(id, "astrologer", null, Instant.now(), Duration.ofHours(1)).build(),
                DevIssuer.strangerKey());
        post("/api/v1/astrologers/" + id + "/online", forged).expectStatus().isUnauthorized();
        assertThat(stored(id)).isNull();
    }

    @Test
    void anInvalidAstrologerIdIs400() {
        post("/api/v1/astrologers/" + "x".repeat(200) + "/online", adminToken())
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void onlineListShowsOnlineAstrologersToAnySignedInCaller() {
        String online = newAstrologerId();
        String offline = newAstrologerId();
        goOnline(online);
        goOnline(offline);
        post("/api/v1/astrologers/" + offline + "/offline", astrologerToken(offline)).expectStatus().isOk();
        for (String caller : new String[] { userToken(), adminToken(), astrologerToken(newAstrologerId()),
                token("someone", "psychic", null) }) {
            get("/api/v1/astrologers/online", caller)
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$[?(@.id == '" + online + "')].online").isEqualTo(true)
                    .jsonPath("$[?(@.id == '" + online + "')].displayName").isEqualTo("Name of " + online)
                    .jsonPath("$[?(@.id == '" + online + "')].busy").isEqualTo(false)
                    .jsonPath("$[?(@.id == '" + offline + "')]").isEmpty()
                    .jsonPath("$[?(@.online == false)]").isEmpty();
        }
    }

    @Test
    void oneAstrologersPresenceIsVisibleToAnySignedInCaller() {
        String id = newAstrologerId();
        goOnline(id);
        get("/api/v1/astrologers/" + id, userToken())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.online").isEqualTo(true)
                .jsonPath("$.rates.chat").doesNotExist();
    }

    @Test
    void anAstrologerNeverSeenIs404() {
        get("/api/v1/astrologers/" + newAstrologerId(), userToken())
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").exists();
    }

    @Test
    void theCurrentSessionIsShownOnlyToTheAstrologerAndAdmins() {
        String id = newAstrologerId();
        goOnline(id);
        AstrologerPresence before = stored(id);
        mongo.updateFirst(Query.query(
                        Criteria.where("_id").is(id)),
                new Update().set("busy", true).set("currentSessionId", "s-1"),
                AstrologerPresence.class).block();
        assertThat(before.currentSessionId()).isNull();
        get("/api/v1/astrologers/" + id, astrologerToken(id)).expectBody()
                .jsonPath("$.currentSessionId").isEqualTo("s-1").jsonPath("$.busy").isEqualTo(true);
        get("/api/v1/astrologers/" + id, adminToken()).expectBody().jsonPath("$.currentSessionId").isEqualTo("s-1");
        get("/api/v1/astrologers/" + id, userToken()).expectBody()
                .jsonPath("$.currentSessionId").doesNotExist().jsonPath("$.busy").isEqualTo(true);
        get("/api/v1/astrologers/online", userToken()).expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].currentSessionId").isEmpty();
    }
}
