package com.astro.chat;

import static com.astro.chat.SocketClients.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.astro.common.event.EndReason;
import com.astro.common.event.EventJson;

import tools.jackson.databind.JsonNode;

/**
 * {@code message:read}: a participant's read position moves forward only, is stored, reaches the other participant
 * on another instance, and shows in the history.
 */
class ReadReceiptsTest extends ChatTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    /** The user on instance A sent {@code count} messages; the astrologer is connected to instance B. */
    private Parties sessionWithMessages(int count) {
        Parties p = activeSession();
        clients.connect("user", cluster.a().url(), p.userToken());
        clients.connect("astro", cluster.b().url(), p.astrologerToken());
        for (int i = 1; i <= count; i++) {
            clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "m" + i));
        }
        return p;
    }

    private JsonNode reads(Parties p, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.a().url()
                + "/api/chat/sessions/" + p.sessionId() + "/messages")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body()).path("reads");
    }

    private long readSeq(Parties p, String readerId) throws Exception {
        for (JsonNode mark : reads(p, p.userToken())) {
            if (mark.path("userId").asString().equals(readerId)) {
                return mark.path("seq").asLong();
            }
        }
        throw new AssertionError("no read position of " + readerId);
    }

    @Test
    void aReadMarkReachesTheOtherParticipantOnAnotherInstance() {
        Parties p = sessionWithMessages(3);

        JsonNode ack = clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 2));

        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
        assertThat(ack.path("seq").asLong()).isEqualTo(2);
        JsonNode notice = clients.awaitReceived("user", "message:read", 1).get(0);
        assertThat(notice.path("sessionId").asString()).isEqualTo(p.sessionId());
        assertThat(notice.path("reader").asString()).isEqualTo(p.astrologerId());
        assertThat(notice.path("seq").asLong()).isEqualTo(2);
    }

    @Test
    void theHistoryShowsEachParticipantsReadPosition() throws Exception {
        Parties p = sessionWithMessages(3);
        clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 3));
        clients.call("user", "message:read", json("sessionId", p.sessionId(), "seq", 1));

        JsonNode reads = reads(p, p.astrologerToken());

        assertThat(reads).hasSize(2);
        assertThat(reads.path(0).path("userId").asString()).isEqualTo(p.userId());
        assertThat(reads.path(0).path("seq").asLong()).isEqualTo(1);
        assertThat(reads.path(1).path("userId").asString()).isEqualTo(p.astrologerId());
        assertThat(reads.path(1).path("seq").asLong()).isEqualTo(3);
    }

    @Test
    void beforeAnyMarkTheHistoryShowsNothingRead() throws Exception {
        Parties p = sessionWithMessages(1);

        assertThat(reads(p, p.userToken()).findValuesAsString("seq")).containsExactly("0", "0");
    }

    @Test
    void aLowerSeqNeverMovesThePositionBackAndTellsNobody() throws Exception {
        Parties p = sessionWithMessages(3);
        clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 3));

        JsonNode lower = clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 1));
        JsonNode same = clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 3));
        clients.call("user", "message:send", json("sessionId", p.sessionId(), "text", "m4"));
        clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 4));

        assertThat(lower.path("ok").asBoolean()).isTrue();
        assertThat(lower.path("seq").asLong()).isEqualTo(3);
        assertThat(same.path("seq").asLong()).isEqualTo(3);
        List<JsonNode> notices = clients.awaitReceived("user", "message:read", 2);
        assertThat(notices.stream().map(n -> n.path("seq").asLong())).containsExactly(3L, 4L);
        assertThat(readSeq(p, p.astrologerId())).isEqualTo(4);
    }

    @Test
    void aSeqBeyondTheLastMessageIsRefusedAndChangesNothing() throws Exception {
        Parties p = sessionWithMessages(2);
        clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 1));

        assertRefused(clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 3)), "astro",
                "seq_not_found");

        assertThat(readSeq(p, p.astrologerId())).isEqualTo(1);
    }

    @Test
    void concurrentMarksFromSocketsOnBothInstancesEndAtTheHighest() throws Exception {
        Parties p = sessionWithMessages(20);
        clients.connect("astro-2", cluster.a().url(), p.astrologerToken());
        List<String> requests = new ArrayList<>();
        for (int seq = 20; seq >= 1; seq--) {
            requests.add(clients.request(seq % 2 == 0 ? "astro" : "astro-2", "message:read",
                    json("sessionId", p.sessionId(), "seq", seq)));
        }

        clients.awaitAcks(requests).values().forEach(ack -> assertThat(ack.path("ok").asBoolean()).isTrue());

        assertThat(readSeq(p, p.astrologerId())).isEqualTo(20);
    }

    @Test
    void anEndedSessionCanStillBeMarkedRead() throws Exception {
        Parties p = sessionWithMessages(2);
        ended(p, EndReason.COMPLETED, 1);

        JsonNode ack = clients.call("astro", "message:read", json("sessionId", p.sessionId(), "seq", 2));

        assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();
        assertThat(readSeq(p, p.astrologerId())).isEqualTo(2);
    }

    @Test
    void someoneOutsideTheSessionCannotMarkItRead() throws Exception {
        Parties p = sessionWithMessages(1);
        String intruder = newId("user");
        clients.connect("intruder", cluster.a().url(), token(intruder, "user"));

        assertRefused(clients.call("intruder", "message:read", json("sessionId", p.sessionId(), "seq", 1)),
                "intruder", "session_not_found");

        assertThat(reads(p, p.userToken()).findValuesAsString("userId")).doesNotContain(intruder);
        assertThat(reads(p, p.userToken()).findValuesAsString("seq")).containsExactly("0", "0");
    }

    @Test
    void readPayloadsOfTheWrongShapeAreRefused() throws Exception {
        Parties p = sessionWithMessages(2);

        for (Object bad : List.of(json("sessionId", p.sessionId()), json("sessionId", p.sessionId(), "seq", "2"),
                json("sessionId", p.sessionId(), "seq", 0), json("sessionId", p.sessionId(), "seq", -1),
                json("sessionId", p.sessionId(), "seq", 1.5), json("seq", 1), "just text")) {
            assertRefused(clients.call("astro", "message:read", bad), "astro", "invalid_payload");
        }

        assertThat(readSeq(p, p.astrologerId())).isZero();
    }
}
