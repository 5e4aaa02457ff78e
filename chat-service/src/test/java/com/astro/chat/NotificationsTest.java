package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.astro.common.event.EndReason;
import com.astro.common.event.SessionBalanceRanLow;

import tools.jackson.databind.JsonNode;

/** The seed's session notifications, from the session events on Kafka to the participants' sockets on any instance. */
class NotificationsTest extends ChatTestSupport {

    @Test
    void aRequestedSessionIsAnnouncedToTheAstrologersSockets() {
        Parties p = newParties();
        clients.connect("astro-a", cluster.a().url(), p.astrologerToken());
        clients.connect("astro-b", cluster.b().url(), p.astrologerToken());
        clients.connect("user", cluster.a().url(), p.userToken());

        requested(p);

        for (String socket : new String[] { "astro-a", "astro-b" }) {
            JsonNode notice = clients.awaitReceived(socket, "session:request", 1).get(0);
            assertThat(notice.path("sessionId").asString()).isEqualTo(p.sessionId());
            assertThat(notice.path("userId").asString()).isEqualTo(p.userId());
            assertThat(notice.path("sessionType").asString()).isEqualTo("chat");
            assertThat(notice.path("ratePerMinute").asLong()).isEqualTo(10);
        }
        assertThat(clients.received("user", "session:request")).isEmpty();
    }

    @Test
    void anAcceptedSessionIsAnnouncedToTheUserAndTheAstrologer() {
        Parties p = newParties();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        requested(p);

        accepted(p);

        JsonNode atUser = clients.awaitReceived("user", "session:accepted", 1).get(0);
        JsonNode atAstrologer = clients.awaitReceived("astro", "session:accepted", 1).get(0);
        assertThat(atUser.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(atUser.path("channelName").asString()).isEqualTo("channel_" + p.sessionId());
        assertThat(atAstrologer.path("sessionId").asString()).isEqualTo(p.sessionId());
    }

    @Test
    void theUserToldAcceptedCanJoinAtOnce() {
        Parties p = newParties();
        clients.connect("user", cluster.b().url(), p.userToken());
        requested(p);
        accepted(p);
        clients.awaitReceived("user", "session:accepted", 1);

        assertThat(clients.call("user", "join-session", json("sessionId", p.sessionId())).path("ok").asBoolean())
                .isTrue();
    }

    @Test
    void anEndedSessionIsAnnouncedToBothWithReasonAndBilling() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());

        ended(p, EndReason.BALANCE_EXHAUSTED, 3);

        for (String socket : new String[] { "user", "astro" }) {
            JsonNode notice = clients.awaitReceived(socket, "session:ended", 1).get(0);
            assertThat(notice.path("sessionId").asString()).isEqualTo(p.sessionId());
            assertThat(notice.path("reason").asString()).isEqualTo("balance_exhausted");
            assertThat(notice.path("billedMinutes").asLong()).isEqualTo(3);
            assertThat(notice.path("coinsCharged").asLong()).isEqualTo(30);
            assertThat(notice.has("freeMinutes")).isTrue();
            assertThat(notice.path("freeMinutes").asLong()).isZero();
        }
    }

    @Test
    void aRejectedRequestIsAnnouncedAsEndedToo() {
        Parties p = newParties();
        clients.connect("user", cluster.a().url(), p.userToken());
        requested(p);

        ended(p, EndReason.REJECTED, 0);

        JsonNode notice = clients.awaitReceived("user", "session:ended", 1).get(0);
        assertThat(notice.path("reason").asString()).isEqualTo("rejected");
        assertThat(notice.path("coinsCharged").asLong()).isZero();
    }

    @Test
    void whenTheSessionEndsItsRoomClosesAfterTheLastMessages() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.call("user", "join-session", json("sessionId", p.sessionId()));
        clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "last words"));

        ended(p, EndReason.COMPLETED, 1);

        clients.awaitReceived("astro", "session:ended", 1);
        assertThat(clients.received("astro", "message:receive")).extracting(m -> m.path("text").asString())
                .containsExactly("last words");
        JsonNode rejoin = clients.call("astro", "join-session", json("sessionId", p.sessionId()));
        assertThat(rejoin.path("error").path("code").asString()).isEqualTo("session_not_active");
    }

    @Test
    void theUserCanAskAgainForThePendingRequestToBeAnnounced() {
        Parties p = newParties();
        requested(p);
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        clients.connect("user", cluster.a().url(), p.userToken());

        JsonNode ack = clients.call("user", "session:request", json("sessionId", p.sessionId()));

        assertThat(ack.path("ok").asBoolean()).isTrue();
        JsonNode notice = clients.awaitReceived("astro", "session:request", 1).get(0);
        assertThat(notice.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(notice.path("userId").asString()).isEqualTo(p.userId());
    }

    @Test
    void onlyTheSessionsUserMayAskAgainAndOnlyWhileItIsPending() {
        Parties p = newParties();
        requested(p);
        clients.connect("stranger", cluster.a().url(), token(newId("user"), "user"));
        clients.connect("astro", cluster.a().url(), p.astrologerToken());

        JsonNode stranger = clients.call("stranger", "session:request", json("sessionId", p.sessionId()));
        JsonNode astrologer = clients.call("astro", "session:request", json("sessionId", p.sessionId()));
        accepted(p);
        clients.connect("user", cluster.a().url(), p.userToken());
        JsonNode afterAccept = clients.call("user", "session:request", json("sessionId", p.sessionId()));

        assertThat(stranger.path("error").path("code").asString()).isEqualTo("session_not_found");
        assertThat(astrologer.path("error").path("code").asString()).isEqualTo("session_not_found");
        assertThat(afterAccept.path("error").path("code").asString()).isEqualTo("session_not_pending");
    }

    private SessionBalanceRanLow lowBalance(Parties p) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionBalanceRanLow event = SessionBalanceRanLow.of(now, p.sessionId(), p.userId(), p.astrologerId(), 10, 25,
                2, now.plusSeconds(150));
        cluster.events().publish(event).block(WAIT);
        return event;
    }

    @Test
    void aLowBalanceIsAnnouncedToTheUserWithTheBalanceAndToTheAstrologerWithout() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());

        SessionBalanceRanLow event = lowBalance(p);

        JsonNode atUser = clients.awaitReceived("user", "session:low-balance", 1).get(0);
        assertThat(atUser.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(atUser.path("minutesLeft").asLong()).isEqualTo(2);
        assertThat(atUser.path("balance").asLong()).isEqualTo(25);
        assertThat(Instant.parse(atUser.path("runsOutAt").asString())).isEqualTo(event.runsOutAt());
        JsonNode atAstrologer = clients.awaitReceived("astro", "session:low-balance", 1).get(0);
        assertThat(atAstrologer.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(atAstrologer.path("minutesLeft").asLong()).isEqualTo(2);
        assertThat(atAstrologer.has("balance")).as("the user's balance is theirs").isFalse();
    }

    @Test
    void aLowBalanceWarningReadAfterTheEndIsNotAnnounced() {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        ended(p, EndReason.COMPLETED, 1);
        clients.awaitReceived("user", "session:ended", 1);

        lowBalance(p);

        Awaitility.await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> clients.received("user", "session:low-balance").isEmpty());
    }
}
