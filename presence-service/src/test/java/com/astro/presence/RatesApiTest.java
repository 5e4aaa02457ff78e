package com.astro.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.astro.common.event.Rates;

class RatesApiTest extends PresenceIntegrationTest {

    private static String rates(String id) {
        return "/api/v1/astrologers/" + id + "/rates";
    }

    @Test
    void astrologerPublishesRatesForEachSessionType() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 10, \"audio\": 20, \"video\": 30}")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rates.chat").isEqualTo(10)
                .jsonPath("$.rates.audio").isEqualTo(20)
                .jsonPath("$.rates.video").isEqualTo(30)
                .jsonPath("$.online").isEqualTo(false)
                .jsonPath("$.version").isEqualTo(1);
        assertThat(stored(id).rates()).isEqualTo(new Rates(10L, 20L, 30L));
    }

    @Test
    void ratesReplaceTheWholeSetSoAnOmittedTypeIsNoLongerOffered() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 10, \"audio\": 20, \"video\": 30}").expectStatus().isOk();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 15, \"video\": null}").expectStatus().isOk();
        assertThat(stored(id).rates()).isEqualTo(new Rates(15L, null, null));
    }

    @Test
    void theBoundsOfTheRangeAreAccepted() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 1, \"video\": 1000}").expectStatus().isOk();
        assertThat(stored(id).rates()).isEqualTo(new Rates(1L, null, 1000L));
    }

    @Test
    void sameRatesAgainChangeNothing() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 10}").expectStatus().isOk();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 10}").expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void ratesAreKeptAcrossGoingOnlineAndOffline() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 12}").expectStatus().isOk();
        goOnline(id);
        get("/api/v1/astrologers/online", userToken()).expectBody()
                .jsonPath("$[?(@.id == '" + id + "')].rates.chat").isEqualTo(12);
    }

    @Test
    void adminMaySetRatesOfAnAstrologerNeverSeen() {
        String id = newAstrologerId();
        putJson(rates(id), adminToken(), "{\"audio\": 50}").expectStatus().isOk()
                .expectBody().jsonPath("$.rates.audio").isEqualTo(50).jsonPath("$.displayName").doesNotExist();
    }

    @Test
    void anotherAstrologerMayNotSetRates() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(newAstrologerId()), "{\"chat\": 10}").expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");
        assertThat(stored(id)).isNull();
    }

    @Test
    void aUserMayNotSetRates() {
        String id = newAstrologerId();
        putJson(rates(id), userToken(), "{\"chat\": 10}").expectStatus().isForbidden();
        assertThat(stored(id)).isNull();
    }

    @Test
    void anUnknownRoleMayNotSetRates() {
        String id = newAstrologerId();
        putJson(rates(id), token(id, "psychic", null), "{\"chat\": 10}").expectStatus().isForbidden();
        assertThat(stored(id)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"chat\": 0}",
            "{\"chat\": -5}",
            "{\"chat\": 1001}",
            "{\"chat\": 99999999999999999999999}",
            "{\"chat\": 12.5}",
            "{\"chat\": 10.0}",
            "{\"chat\": 1e2}",
            "{\"chat\": \"10\"}",
            "{\"chat\": true}",
            "{\"chat\": [10]}",
            "{\"chat\": {\"value\": 10}}",
            "{\"chat\": 10, \"tip\": 5}",
            "{}",
            "{\"chat\": null, \"audio\": null, \"video\": null}",
            "[10, 20, 30]",
            "10",
            "{\"chat\": 10",
            "not json" })
    void badRatesAre400AndStoreNothing(String body) {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), body)
                .expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").isNotEmpty();
        assertThat(stored(id)).isNull();
        assertThat(PresenceTopic.eventsFor(id)).isEmpty();
    }

    @Test
    void badRatesLeaveExistingRatesUntouched() {
        String id = newAstrologerId();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 10}").expectStatus().isOk();
        putJson(rates(id), astrologerToken(id), "{\"chat\": 10, \"audio\": -1}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("audio"));
        assertThat(stored(id).rates()).isEqualTo(new Rates(10L, null, null));
        assertThat(stored(id).version()).isEqualTo(1);
    }

    @Test
    void aMissingBodyIs400() {
        String id = newAstrologerId();
        web.put().uri(rates(id)).headers(h -> h.setBearerAuth(astrologerToken(id)))
                .header("Content-Type", "application/json").exchange()
                .expectStatus().isBadRequest();
        assertThat(stored(id)).isNull();
    }
}
