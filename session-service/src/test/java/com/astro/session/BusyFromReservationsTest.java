package com.astro.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.astro.common.event.Rates;

/**
 * Whether an astrologer is busy is decided from this service's own reservation; the presence read model, fed back
 * through Kafka, may lag behind it either way.
 */
class BusyFromReservationsTest extends SessionTestSupport {

    private static final Rates RATES = new Rates(10L, 20L, null);

    @Test
    void aStartRightAfterTheEndWithTheSameAstrologerSucceeds() {
        String user = fresh("user");
        String astro = fresh("astro");
        String first = activeChatSession(user, astro, 10, 100);
        // presence has told this service that the astrologer is busy in it, and has not heard of its end yet
        presence(astro, true, true, first, RATES);

        post("/api/sessions/end", token(user, "user"), Map.of("sessionId", first)).expectStatus().isOk();

        post("/api/sessions/start", token(user, "user"), Map.of("astrologerId", astro, "sessionType", "chat"))
                .expectStatus().isCreated();
    }

    @Test
    void anAstrologerHoldingAnActiveSessionIsBusyBeforePresenceSaysSo() {
        String astro = fresh("astro");
        activeChatSession(fresh("user"), astro, 10, 100);
        String other = fresh("user");
        credit(other, 100);

        // the read model still says free: onlineAstrologer published busy=false and nothing newer arrived
        post("/api/sessions/start", token(other, "user"), Map.of("astrologerId", astro, "sessionType", "chat"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("busy in another session"));
    }
}
